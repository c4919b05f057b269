/** JSON option and field helpers: ratios and model mappings are JSON objects typed into text areas. */
export function parseJsonObject(text: string): Record<string, unknown> | null {
  if (!text || !text.trim()) return {};
  try {
    const value = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

export function isJsonObjectOrEmpty(text: string): boolean {
  return parseJsonObject(text) !== null;
}

export function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** Comma lists (models, groups, subnets) to arrays and back, trimmed and without duplicates. */
export function splitList(text: string | null | undefined): string[] {
  return Array.from(new Set((text ?? '').split(',').map((s) => s.trim()).filter(Boolean)));
}

export function joinList(items: string[]): string {
  return Array.from(new Set(items.map((s) => s.trim()).filter(Boolean))).join(',');
}
