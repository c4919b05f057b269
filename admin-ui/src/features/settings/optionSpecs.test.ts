// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { changedOptions, OPERATION, OTHER, SYSTEM, toFormValue, toStored, type FieldSpec } from './optionSpecs';

// Every option of One API (inventory section 8) must have a place on the settings page.
const ALL_OPTIONS =
  'PasswordLoginEnabled PasswordRegisterEnabled EmailVerificationEnabled GitHubOAuthEnabled OidcEnabled WeChatAuthEnabled TurnstileCheckEnabled RegisterEnabled EmailDomainRestrictionEnabled EmailDomainWhitelist SMTPServer SMTPPort SMTPAccount SMTPFrom SMTPToken ServerAddress GitHubClientId GitHubClientSecret LarkClientId LarkClientSecret OidcClientId OidcClientSecret OidcWellKnown OidcAuthorizationEndpoint OidcTokenEndpoint OidcUserinfoEndpoint WeChatServerAddress WeChatServerToken WeChatAccountQRCodeImageURL MessagePusherAddress MessagePusherToken TurnstileSiteKey TurnstileSecretKey Notice About HomePageContent Footer SystemName Logo Theme QuotaForNewUser PreConsumedQuota QuotaForInviter QuotaForInvitee ModelRatio CompletionRatio GroupRatio LogConsumeEnabled ChannelDisableThreshold QuotaRemindThreshold AutomaticDisableChannelEnabled AutomaticEnableChannelEnabled TopUpLink ChatLink QuotaPerUnit RetryTimes DisplayInCurrencyEnabled DisplayTokenStatEnabled ApproximateTokenEnabled'.split(' ');

describe('settings fields', () => {
  it('covers every option exactly once', () => {
    const keys = [...OPERATION, ...SYSTEM, ...OTHER].flatMap((s) => s.fields.map((f) => f.key));
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual([...ALL_OPTIONS].sort());
  });

  it('marks every secret as write-only', () => {
    const secrets = [...OPERATION, ...SYSTEM, ...OTHER].flatMap((s) => s.fields).filter((f) => /(Token|Secret|SecretKey)$/.test(f.key));
    expect(secrets.every((f) => f.kind === 'secret')).toBe(true);
  });

  it('converts stored text to form values and back', () => {
    expect(toFormValue('switch', 'true')).toBe(true);
    expect(toFormValue('number', '500000')).toBe(500000);
    expect(toFormValue('tags', 'a.com, b.com')).toEqual(['a.com', 'b.com']);
    expect(toFormValue('json', '{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(toFormValue('secret', 'whatever')).toBe('');
    expect(toStored('tags', ['a.com', 'b.com'])).toBe('a.com,b.com');
    expect(toStored('json', '{\n "a": 1\n}')).toBe('{"a":1}');
    expect(toStored('json', '{broken')).toBe('{broken');
  });

  it('sends only changed values, re-formatted JSON is not a change, and secrets only when typed', () => {
    const fields: FieldSpec[] = [
      { key: 'SystemName', kind: 'text' },
      { key: 'ModelRatio', kind: 'json' },
      { key: 'SMTPToken', kind: 'secret' },
      { key: 'RegisterEnabled', kind: 'switch' },
    ];
    const stored = { SystemName: 'One API', ModelRatio: '{"a":1}', RegisterEnabled: 'true' };
    expect(changedOptions(fields, stored, { SystemName: 'One API', ModelRatio: '{\n  "a": 1\n}', SMTPToken: '', RegisterEnabled: false })).toEqual([]);
    expect(changedOptions(fields, stored, { SystemName: 'Mine', ModelRatio: '{"a":2}', SMTPToken: 's3cret' })).toEqual([
      { key: 'SystemName', value: 'Mine' },
      { key: 'ModelRatio', value: '{"a":2}' },
      { key: 'SMTPToken', value: 's3cret' },
    ]);
  });
});
