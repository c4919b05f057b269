// @vitest-environment node
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from './locales/en.json';
import ptBR from './locales/pt-BR.json';
import zhCN from './locales/zh-CN.json';
import { normaliseLanguage } from './index';

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) && !/\.test\./.test(name) ? [path] : [];
  });
}

describe('locales', () => {
  it('have the same keys in English, Portuguese (Brazil) and Chinese', () => {
    const base = keys(en).sort();
    expect(keys(ptBR).sort()).toEqual(base);
    expect(keys(zhCN).sort()).toEqual(base);
  });

  it('translate every literal key the code asks for', () => {
    const known = new Set(keys(en));
    const src = join(__dirname, '..');
    const missing = new Set<string>();
    for (const file of sources(src)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(['`]([a-zA-Z0-9_.]+)['`]/g)) if (!known.has(m[1])) missing.add(m[1]);
      for (const m of text.matchAll(/'((?:channelType|channelTip|channelKey|channel)\.[a-zA-Z]+)'/g)) if (!known.has(m[1])) missing.add(m[1]);
    }
    expect([...missing]).toEqual([]);
  });

  it('has no empty strings', () => {
    for (const table of [en, ptBR, zhCN]) {
      const flat = keys(table);
      expect(flat.length).toBeGreaterThan(400);
    }
    const values = (o: object): string[] => Object.values(o).flatMap((v) => (typeof v === 'object' ? values(v) : [v]));
    expect([...values(en), ...values(ptBR), ...values(zhCN)].filter((v) => !String(v).trim())).toEqual([]);
  });

  it('maps browser languages onto the three shipped', () => {
    expect(normaliseLanguage('pt')).toBe('pt-BR');
    expect(normaliseLanguage('pt-PT')).toBe('pt-BR');
    expect(normaliseLanguage('zh-TW')).toBe('zh-CN');
    expect(normaliseLanguage('de-DE')).toBe('en');
    expect(normaliseLanguage(undefined)).toBe('en');
  });
});
