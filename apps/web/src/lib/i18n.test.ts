import { describe, expect, it } from 'vitest';
import { i18n, pickLanguage } from './i18n.ts';

describe('pickLanguage', () => {
  it("takes the first of the browser's languages that has a catalogue, by tag or by language", () => {
    expect(pickLanguage(['de-DE', 'de', 'en-US'], ['en'])).toBe('en');
    expect(pickLanguage(['de-AT', 'en'], ['en', 'de'])).toBe('de');
    expect(pickLanguage(['pt-BR', 'pt'], ['en', 'pt-PT', 'pt-BR'])).toBe('pt-BR');
  });

  it('falls back to English', () => {
    expect(pickLanguage(['fr-FR', 'ja'], ['en', 'de'])).toBe('en');
    expect(pickLanguage([], ['en', 'de'])).toBe('en');
  });
});

describe('the interface language', () => {
  it("is the browser's (English here), and the page says so", () => {
    expect(i18n.language).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    expect(i18n.t('usersNotified', { count: 2 })).toBe('2 users notified');
  });
});
