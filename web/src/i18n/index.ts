import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { pl } from './pl';
import { plannerEn } from './planner.en';
import { plannerPl } from './planner.pl';
import { problemsEn } from './problems.en';
import { problemsPl } from './problems.pl';
import { recallEn } from './recall.en';
import { recallPl } from './recall.pl';
import { terminalEn } from './terminal.en';
import { terminalPl } from './terminal.pl';

export const languages = ['en', 'pl'] as const;
export type Language = (typeof languages)[number];

const CHOICE_KEY = 'monopilot.language';

/**
 * Screens with strings of their own files join here: the terminal's (terminal.en.ts) its
 * `terminal` section, recall day's (recall.en.ts) a `recall` section; the problem texts
 * (problems.en.ts) and the planner's (planner.en.ts) their own top-level sections.
 */
const english = { ...en, ...problemsEn, ...plannerEn, terminal: { ...en.terminal, ...terminalEn }, recall: recallEn };
const polish = { ...pl, ...problemsPl, ...plannerPl, terminal: { ...pl.terminal, ...terminalPl }, recall: recallPl };

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof english };
  }
}

/** The language a person picked on this device, if any. */
export function chosenLanguage(): Language | null {
  const stored = localStorage.getItem(CHOICE_KEY);
  return languages.includes(stored as Language) ? (stored as Language) : null;
}

function browserLanguage(): Language {
  return navigator.language.toLowerCase().startsWith('pl') ? 'pl' : 'en';
}

/** A person's own choice wins, stored on this device. */
export function chooseLanguage(language: Language): void {
  localStorage.setItem(CHOICE_KEY, language);
  void i18next.changeLanguage(language);
}

/** The organization's default applies until the person picks a language. */
export function applyOrganizationLanguage(language: Language): void {
  if (!chosenLanguage() && i18next.language !== language) void i18next.changeLanguage(language);
}

void i18next.use(initReactI18next).init({
  resources: { en: { translation: english }, pl: { translation: polish } },
  lng: chosenLanguage() ?? browserLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
});

i18next.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});
document.documentElement.lang = i18next.language;

export const i18n = i18next;
