import { describe, expect, it } from 'vitest';
import { clientLink, NEXTCHAT_DEFAULT } from './clientLinks';

describe('client links', () => {
  const relay = 'http://relay.example:3000/';

  it('builds NextChat links on the relay address, never the page origin', () => {
    const link = clientLink('nextchat', 'abc', relay, '');
    expect(link.startsWith(`${NEXTCHAT_DEFAULT}/#/?settings=`)).toBe(true);
    const settings = JSON.parse(decodeURIComponent(link.split('settings=')[1]));
    expect(settings).toEqual({ key: 'sk-abc', url: 'http://relay.example:3000' });
    expect(link).not.toContain(encodeURIComponent(window.location.origin));
  });

  it('uses ChatLink as the NextChat and LobeChat host when set', () => {
    expect(clientLink('nextchat', 'sk-abc', relay, 'https://chat.example/')).toMatch(/^https:\/\/chat\.example\/#\/\?settings=/);
    const lobe = clientLink('lobechat', 'abc', relay, 'https://lobe.example');
    const settings = JSON.parse(decodeURIComponent(lobe.split('settings=')[1]));
    expect(settings.keyVaults.openai).toEqual({ apiKey: 'sk-abc', baseURL: 'http://relay.example:3000/v1' });
  });

  it('encodes the server for AMA and OpenCat', () => {
    expect(clientLink('ama', 'abc', relay, '')).toBe('ama://set-api-key?server=http%3A%2F%2Frelay.example%3A3000&key=sk-abc');
    expect(clientLink('opencat', 'abc', relay, '')).toBe('opencat://team/join?domain=http%3A%2F%2Frelay.example%3A3000&token=sk-abc');
  });
});
