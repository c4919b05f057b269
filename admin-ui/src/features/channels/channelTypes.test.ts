// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { buildConfig, channelType, deriveKey, offeredTypes, parseConfig } from './channelTypes';

describe('channel type table', () => {
  it('builds the AWS key from AK, SK and region', () => {
    expect(deriveKey(channelType(33), '', { ak: 'A', sk: 'S', region: 'us-east-1' })).toBe('A|S|us-east-1');
  });

  it('puts the Vertex AI key file on one line, since a multi-line key means one channel per line', () => {
    const adc = '{\n  "type": "service_account",\n  "project_id": "p"\n}';
    const key = deriveKey(channelType(42), '', { region: 'us-central1', vertex_ai_project_id: 'p', vertex_ai_adc: adc });
    expect(key).toBe('us-central1|p|{"type":"service_account","project_id":"p"}');
    expect(key).not.toContain('\n');
  });

  it('keeps the typed key for plain types', () => {
    expect(deriveKey(channelType(1), 'sk-x', { region: 'ignored' })).toBe('sk-x');
  });

  it('saves only the config fields of the type, without blanks', () => {
    expect(buildConfig(channelType(3), { api_version: ' 2024-03-01-preview ', region: 'x' })).toBe('{"api_version":"2024-03-01-preview"}');
    expect(buildConfig(channelType(3), { api_version: '' })).toBe('');
    expect(buildConfig(channelType(1), { region: 'x' })).toBe('');
  });

  it('reads stored config leniently', () => {
    expect(parseConfig('{"region":"r"}')).toEqual({ region: 'r' });
    expect(parseConfig('not json')).toEqual({});
    expect(parseConfig('[1]')).toEqual({});
  });

  it('offers the types the proxies serve, plus the edited channel type', () => {
    const offered = offeredTypes({ '1': ['gpt-4o'], '50': [], '999': ['vendor-model'] }, 14).map((t) => t.id);
    expect(offered).toEqual([1, 50, 14, 999]);
    expect(channelType(999).label).toBe('#999');
  });

  it('falls back to every known type when no catalogue was published', () => {
    expect(offeredTypes({}).length).toBeGreaterThan(40);
  });

  it('hides the key for derived types and the models for the proxy type', () => {
    expect(channelType(33).key).toBe('derived');
    expect(channelType(33).batch).toBe(false);
    expect(channelType(43).models).toBe(false);
    expect(channelType(3).baseUrl).toBe('required');
  });
});
