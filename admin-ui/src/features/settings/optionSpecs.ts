/**
 * Every option of One API (inventory section 8) and where the settings page shows it. Labels are
 * translated from `options.<Key>`; hints from `options.<Key>_hint` when listed in `hint`.
 */
export type FieldKind = 'text' | 'number' | 'textarea' | 'json' | 'secret' | 'switch' | 'tags' | 'theme';

export interface FieldSpec {
  key: string;
  kind: FieldKind;
  hint?: boolean;
  /** A confirmation asked before a switch is turned off (PasswordLoginEnabled). */
  confirmOff?: boolean;
}

export interface SectionSpec {
  id: string;
  fields: FieldSpec[];
}

const sw = (key: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({ key, kind: 'switch', ...extra });

export const OPERATION: SectionSpec[] = [
  {
    id: 'quota',
    fields: [
      { key: 'QuotaForNewUser', kind: 'number', hint: true },
      { key: 'PreConsumedQuota', kind: 'number', hint: true },
      { key: 'QuotaForInviter', kind: 'number', hint: true },
      { key: 'QuotaForInvitee', kind: 'number', hint: true },
    ],
  },
  {
    id: 'ratio',
    fields: [
      { key: 'ModelRatio', kind: 'json', hint: true },
      { key: 'CompletionRatio', kind: 'json', hint: true },
      { key: 'GroupRatio', kind: 'json', hint: true },
    ],
  },
  { id: 'log', fields: [sw('LogConsumeEnabled')] },
  {
    id: 'monitor',
    fields: [
      { key: 'ChannelDisableThreshold', kind: 'number', hint: true },
      { key: 'QuotaRemindThreshold', kind: 'number', hint: true },
      sw('AutomaticDisableChannelEnabled'),
      sw('AutomaticEnableChannelEnabled'),
    ],
  },
  {
    id: 'general',
    fields: [
      { key: 'TopUpLink', kind: 'text', hint: true },
      { key: 'ChatLink', kind: 'text', hint: true },
      { key: 'QuotaPerUnit', kind: 'number', hint: true },
      { key: 'RetryTimes', kind: 'number' },
      sw('DisplayInCurrencyEnabled'),
      sw('DisplayTokenStatEnabled'),
      sw('ApproximateTokenEnabled'),
    ],
  },
];

export const SYSTEM: SectionSpec[] = [
  { id: 'server', fields: [{ key: 'ServerAddress', kind: 'text', hint: true }] },
  {
    id: 'login',
    fields: [
      sw('PasswordLoginEnabled', { confirmOff: true }),
      sw('PasswordRegisterEnabled'),
      sw('EmailVerificationEnabled'),
      sw('GitHubOAuthEnabled'),
      sw('OidcEnabled'),
      sw('WeChatAuthEnabled'),
      sw('RegisterEnabled'),
      sw('TurnstileCheckEnabled'),
    ],
  },
  { id: 'emailDomain', fields: [sw('EmailDomainRestrictionEnabled'), { key: 'EmailDomainWhitelist', kind: 'tags' }] },
  {
    id: 'smtp',
    fields: [
      { key: 'SMTPServer', kind: 'text' },
      { key: 'SMTPPort', kind: 'number' },
      { key: 'SMTPAccount', kind: 'text' },
      { key: 'SMTPFrom', kind: 'text' },
      { key: 'SMTPToken', kind: 'secret' },
    ],
  },
  { id: 'github', fields: [{ key: 'GitHubClientId', kind: 'text' }, { key: 'GitHubClientSecret', kind: 'secret' }] },
  { id: 'lark', fields: [{ key: 'LarkClientId', kind: 'text' }, { key: 'LarkClientSecret', kind: 'secret' }] },
  {
    id: 'oidc',
    fields: [
      { key: 'OidcClientId', kind: 'text' },
      { key: 'OidcClientSecret', kind: 'secret' },
      { key: 'OidcWellKnown', kind: 'text' },
      { key: 'OidcAuthorizationEndpoint', kind: 'text' },
      { key: 'OidcTokenEndpoint', kind: 'text' },
      { key: 'OidcUserinfoEndpoint', kind: 'text' },
    ],
  },
  {
    id: 'wechat',
    fields: [
      { key: 'WeChatServerAddress', kind: 'text' },
      { key: 'WeChatServerToken', kind: 'secret' },
      { key: 'WeChatAccountQRCodeImageURL', kind: 'text' },
    ],
  },
  { id: 'turnstile', fields: [{ key: 'TurnstileSiteKey', kind: 'text' }, { key: 'TurnstileSecretKey', kind: 'secret' }] },
  { id: 'pusher', fields: [{ key: 'MessagePusherAddress', kind: 'text', hint: true }, { key: 'MessagePusherToken', kind: 'secret' }] },
];

export const OTHER: SectionSpec[] = [
  { id: 'notice', fields: [{ key: 'Notice', kind: 'textarea', hint: true }] },
  {
    id: 'system',
    fields: [
      { key: 'SystemName', kind: 'text' },
      { key: 'Logo', kind: 'text', hint: true },
      { key: 'Theme', kind: 'theme', hint: true },
    ],
  },
  {
    id: 'content',
    fields: [
      { key: 'HomePageContent', kind: 'textarea', hint: true },
      { key: 'About', kind: 'textarea', hint: true },
      { key: 'Footer', kind: 'textarea', hint: true },
    ],
  },
];

/** Themes the server accepts; only `default` is built, the others fall back to it (with a warning in the log). */
export const THEMES = ['default', 'berry', 'air'];

/** Values as the form holds them, and back as the option table stores them (text). */
export function toFormValue(kind: FieldKind, stored: string | undefined): unknown {
  const value = stored ?? '';
  switch (kind) {
    case 'switch':
      return value === 'true';
    case 'number':
      return value === '' ? null : Number(value);
    case 'tags':
      return value.split(',').map((s) => s.trim()).filter(Boolean);
    case 'json':
      try {
        return JSON.stringify(JSON.parse(value), null, 2);
      } catch {
        return value;
      }
    case 'secret':
      return '';
    default:
      return value;
  }
}

export function toStored(kind: FieldKind, value: unknown): string {
  switch (kind) {
    case 'switch':
      return value ? 'true' : 'false';
    case 'number':
      return value === null || value === undefined ? '' : String(value);
    case 'tags':
      return (value as string[]).join(',');
    case 'json':
      try {
        return JSON.stringify(JSON.parse(String(value ?? '')));
      } catch {
        return String(value ?? '');
      }
    default:
      return String(value ?? '');
  }
}

/** The option updates a section's Save sends: changed values only, secrets only when typed. */
export function changedOptions(fields: FieldSpec[], stored: Record<string, string>, values: Record<string, unknown>): Array<{ key: string; value: string }> {
  const out: Array<{ key: string; value: string }> = [];
  for (const f of fields) {
    if (f.kind === 'switch') continue;
    const next = toStored(f.kind, values[f.key]);
    if (f.kind === 'secret') {
      if (next) out.push({ key: f.key, value: next });
      continue;
    }
    const before = f.kind === 'json' ? toStored('json', stored[f.key] ?? '') : stored[f.key] ?? '';
    if (next !== before) out.push({ key: f.key, value: next });
  }
  return out;
}
