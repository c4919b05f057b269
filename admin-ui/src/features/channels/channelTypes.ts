/**
 * Every channel type the UI knows, as data (the berry approach, not `if (type === N)` chains): label, colour,
 * the fields the form shows and how the key is built. Which types are offered, and their default models, come
 * from GET /api/models (the plugins the proxies loaded); this table only labels and shapes them.
 * Label keys starting with "channelType." are translated; others are brand names shown as is.
 */
export type ConfigField =
  | 'region'
  | 'ak'
  | 'sk'
  | 'user_id'
  | 'vertex_ai_project_id'
  | 'vertex_ai_adc'
  | 'api_version'
  | 'library_id'
  | 'plugin';

export interface ConfigFieldSpec {
  name: ConfigField;
  /** i18n key of the label. */
  label: string;
  required?: boolean;
  multiline?: boolean;
  placeholder?: string;
}

export interface ChannelTypeInfo {
  id: number;
  label: string;
  color: string;
  /** i18n key of a notice shown above the form. */
  tip?: string;
  baseUrl: 'optional' | 'required' | 'hidden';
  /** i18n key for the base URL label when it means something else (Azure endpoint, FastGPT address). */
  baseUrlLabel?: string;
  baseUrlPlaceholder?: string;
  /** The legacy `other` column, with its i18n label. */
  other?: { label: string; placeholder?: string };
  config?: ConfigFieldSpec[];
  /** 'derived': the key field is hidden and built from config fields on save (AWS, Vertex AI). */
  key: 'plain' | 'derived';
  /** i18n key of the key format hint. */
  keyHint?: string;
  /** Multi-line batch creation makes no sense when the key is derived. */
  batch: boolean;
  /** Proxy channels (43) forward raw requests: no models, mapping or system prompt. */
  models: boolean;
}

const plain = (id: number, label: string, color: string, extra: Partial<ChannelTypeInfo> = {}): ChannelTypeInfo => ({
  id,
  label,
  color,
  baseUrl: 'optional',
  key: 'plain',
  batch: true,
  models: true,
  ...extra,
});

export const CHANNEL_TYPES: ChannelTypeInfo[] = [
  plain(1, 'OpenAI', 'green'),
  plain(50, 'channelType.openaiCompatible', 'olive', {
    baseUrl: 'required',
    baseUrlPlaceholder: 'https://api.example.com/v1',
    tip: 'channelTip.openaiCompatible',
  }),
  plain(14, 'Anthropic Claude', 'black'),
  plain(33, 'AWS (Bedrock)', 'black', {
    baseUrl: 'hidden',
    key: 'derived',
    batch: false,
    config: [
      { name: 'region', label: 'channel.region', required: true, placeholder: 'us-west-2' },
      { name: 'ak', label: 'channel.accessKey', required: true },
      { name: 'sk', label: 'channel.secretKey', required: true },
    ],
  }),
  plain(3, 'Azure OpenAI', 'olive', {
    baseUrl: 'required',
    baseUrlLabel: 'channel.azureEndpoint',
    baseUrlPlaceholder: 'https://docs-test-001.openai.azure.com',
    tip: 'channelTip.azure',
    config: [{ name: 'api_version', label: 'channel.apiVersion', placeholder: '2024-03-01-preview' }],
  }),
  plain(11, 'Google PaLM2', 'orange'),
  plain(24, 'Google Gemini', 'orange', {
    config: [{ name: 'api_version', label: 'channel.apiVersion', placeholder: 'v1beta' }],
  }),
  plain(51, 'Gemini (OpenAI)', 'orange'),
  plain(42, 'Vertex AI', 'blue', {
    baseUrl: 'hidden',
    key: 'derived',
    batch: false,
    config: [
      { name: 'region', label: 'channel.region', required: true, placeholder: 'us-central1' },
      { name: 'vertex_ai_project_id', label: 'channel.vertexProject', required: true },
      { name: 'vertex_ai_adc', label: 'channel.vertexAdc', required: true, multiline: true },
    ],
  }),
  plain(28, 'Mistral AI', 'orange'),
  plain(29, 'Groq', 'orange'),
  plain(30, 'Ollama', 'black', { baseUrlPlaceholder: 'http://localhost:11434' }),
  plain(35, 'Cohere', 'blue'),
  plain(36, 'DeepSeek', 'black'),
  plain(37, 'Cloudflare', 'orange', {
    config: [{ name: 'user_id', label: 'channel.accountId', required: true }],
  }),
  plain(38, 'DeepL', 'black'),
  plain(39, 'together.ai', 'blue'),
  plain(41, 'Novita', 'purple'),
  plain(43, 'channelType.proxy', 'blue', { baseUrl: 'required', models: false, tip: 'channelTip.proxy' }),
  plain(44, 'SiliconFlow', 'blue'),
  plain(45, 'xAI', 'blue'),
  plain(46, 'Replicate', 'blue'),
  plain(20, 'OpenRouter', 'black'),
  plain(15, 'channelType.baidu', 'blue', { keyHint: 'channelKey.baidu' }),
  plain(47, 'channelType.baiduV2', 'blue'),
  plain(16, 'channelType.zhipu', 'violet'),
  plain(17, 'channelType.ali', 'orange', {
    config: [{ name: 'plugin', label: 'channel.aliPlugin', placeholder: '{"image_synthesis":"..."}' }],
  }),
  plain(49, 'channelType.aliBailian', 'orange'),
  plain(18, 'channelType.xunfei', 'blue', {
    other: { label: 'channel.sparkVersion', placeholder: 'v2.1' },
    keyHint: 'channelKey.xunfei',
  }),
  plain(48, 'channelType.xunfeiV2', 'blue'),
  plain(19, 'channelType.ai360', 'grey'),
  plain(23, 'channelType.tencent', 'teal', { keyHint: 'channelKey.tencent' }),
  plain(25, 'Moonshot AI', 'black'),
  plain(26, 'channelType.baichuan', 'orange'),
  plain(27, 'MiniMax', 'red'),
  plain(31, 'channelType.lingyi', 'green'),
  plain(32, 'channelType.stepfun', 'blue'),
  plain(34, 'Coze', 'blue', {
    tip: 'channelTip.coze',
    config: [
      { name: 'user_id', label: 'channel.cozeUserId', required: true },
      { name: 'api_version', label: 'channel.apiVersion', placeholder: 'v2 (or v3)' },
    ],
  }),
  plain(40, 'channelType.doubao', 'blue', { tip: 'channelTip.doubao' }),
  plain(21, 'channelType.aiproxyLibrary', 'purple', {
    config: [{ name: 'library_id', label: 'channel.libraryId', required: true }],
  }),
  plain(22, 'channelType.fastgpt', 'blue', {
    baseUrlLabel: 'channel.fastgptAddress',
    baseUrlPlaceholder: 'https://fastgpt.run/api/openapi',
    keyHint: 'channelKey.fastgpt',
  }),
  plain(8, 'channelType.custom', 'pink', { baseUrl: 'required', tip: 'channelTip.custom' }),
  plain(2, 'API2D', 'blue'),
  plain(4, 'CloseAI', 'teal'),
  plain(5, 'OpenAI-SB', 'brown'),
  plain(6, 'OpenAI Max', 'violet'),
  plain(7, 'OhMyGPT', 'purple'),
  plain(9, 'AI.LS', 'yellow'),
  plain(10, 'AI Proxy', 'purple'),
  plain(12, 'API2GPT', 'blue'),
  plain(13, 'AIGC2D', 'purple'),
];

const BY_ID = new Map(CHANNEL_TYPES.map((t) => [t.id, t]));

/** The type's entry; an id the table lacks (a vendor plugin's) gets a generic OpenAI-like form. */
export function channelType(id: number): ChannelTypeInfo {
  return BY_ID.get(id) ?? plain(id, `#${id}`, 'default');
}

/** Types to offer: those a loaded plugin serves (keys of /api/models), in table order, then unknown ids. */
export function offeredTypes(modelsByType: Record<string, string[]> | undefined, current?: number): ChannelTypeInfo[] {
  const served = new Set(Object.keys(modelsByType ?? {}).map(Number));
  if (current) served.add(current);
  if (served.size === 0) return CHANNEL_TYPES;
  const known = CHANNEL_TYPES.filter((t) => served.has(t.id));
  const unknown = [...served].filter((id) => !BY_ID.has(id)).sort((a, b) => a - b).map(channelType);
  return [...known, ...unknown];
}

export type ChannelConfig = Partial<Record<ConfigField, string>>;

export function parseConfig(text: string | undefined): ChannelConfig {
  if (!text) return {};
  try {
    const value = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? value : {};
  } catch {
    return {};
  }
}

/**
 * The key to save. AWS: "ak|sk|region"; Vertex AI: "region|project|adc" with the key file compacted to one
 * line (the API splits a multi-line key into one channel per line). Other types: the typed key.
 */
export function deriveKey(type: ChannelTypeInfo, key: string, config: ChannelConfig): string {
  if (type.key !== 'derived') return key;
  if (type.id === 33 && config.ak && config.sk && config.region) {
    return `${config.ak}|${config.sk}|${config.region}`;
  }
  if (type.id === 42 && config.region && config.vertex_ai_project_id && config.vertex_ai_adc) {
    return `${config.region}|${config.vertex_ai_project_id}|${compactJson(config.vertex_ai_adc)}`;
  }
  return key;
}

function compactJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text.replace(/\s*\n\s*/g, ' ');
  }
}

/** Config JSON to save: only the fields this type uses, blanks dropped, the ADC compacted. */
export function buildConfig(type: ChannelTypeInfo, config: ChannelConfig): string {
  const out: ChannelConfig = {};
  for (const field of type.config ?? []) {
    const value = (config[field.name] ?? '').trim();
    if (value) out[field.name] = field.name === 'vertex_ai_adc' ? compactJson(value) : value;
  }
  return Object.keys(out).length ? JSON.stringify(out) : '';
}
