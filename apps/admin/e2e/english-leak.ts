// Finds English on a page that should be French: every message of the English catalogue whose French
// translation differs is looked for in what the page shows (visible text, the accessible names and hints
// of its elements, the document title). A message with placeholders matches whatever fills them. Messages
// of one word must be a whole text or attribute value (so "Status" inside a longer French sentence about a
// status code does not count); longer ones are found anywhere in a text. Strings the user typed (names,
// e-mails, codes) are passed in `allowed` and removed from the page's text before the search.
import type { Page } from "playwright-core";
import { en } from "../src/app/i18n/en.js";
import { fr } from "../src/app/i18n/fr.js";

interface Probe {
  key: string;
  english: string;
  pattern: RegExp;
  whole: boolean;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** One probe per English message (each plural form apart) that French does not say the same way. */
export function englishProbes(): Probe[] {
  const probes: Probe[] = [];
  for (const [key, message] of Object.entries(en)) {
    const french = (fr as Record<string, unknown>)[key];
    const forms = typeof message === "string" ? [message] : [message.one, message.other];
    const frenchForms = typeof french === "string" ? [french] : french && typeof french === "object" ? Object.values(french) : [];
    for (const english of forms) {
      if (frenchForms.includes(english)) continue;
      const literal = english.replace(/\{\w+\}/g, "").trim();
      // Nothing left to recognise once the placeholders are gone, or only punctuation and digits.
      if (!/\p{L}{2,}/u.test(literal)) continue;
      const whole = !/\s/.test(english.trim());
      const source = english
        .split(/(\{\w+\})/)
        .map((part) => (/^\{\w+\}$/.test(part) ? ".{1,200}?" : escape(part)))
        .join("");
      probes.push({ key, english, whole, pattern: new RegExp(whole ? `^${source}$` : source, "u") });
    }
  }
  return probes;
}

/** What the page shows a person or a screen reader: visible texts, names and hints, and the title. */
export async function shownStrings(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      const parent = node.parentElement;
      if (!text || !parent || parent.closest("script, style, noscript")) continue;
      if (!parent.checkVisibility({ checkOpacity: false, checkVisibilityCSS: true })) continue;
      found.push(text);
    }
    for (const element of document.body.querySelectorAll("[aria-label], [placeholder], [title], [alt], [aria-description]")) {
      if (!(element as HTMLElement).checkVisibility?.({ checkVisibilityCSS: true })) continue;
      for (const name of ["aria-label", "placeholder", "title", "alt", "aria-description"]) {
        const value = element.getAttribute(name)?.trim();
        if (value) found.push(value);
      }
    }
    for (const input of document.body.querySelectorAll<HTMLInputElement>("input[readonly], input[type=button], input[type=submit]")) {
      if (input.value.trim()) found.push(input.value.trim());
    }
    return found;
  });
}

export interface EnglishLeak {
  key: string;
  english: string;
  shown: string;
}

/** English messages shown on the page; `allowed` are the user's own strings, taken out before the search. */
export async function findEnglish(page: Page, allowed: readonly string[] = []): Promise<EnglishLeak[]> {
  const probes = englishProbes();
  const leaks: EnglishLeak[] = [];
  const userStrings = [...allowed].filter(Boolean).sort((a, b) => b.length - a.length);
  for (const raw of await shownStrings(page)) {
    let shown = raw;
    for (const value of userStrings) shown = shown.split(value).join(" ");
    shown = shown.trim();
    if (!shown) continue;
    for (const probe of probes) {
      if (probe.pattern.test(shown)) leaks.push({ key: probe.key, english: probe.english, shown: raw });
    }
  }
  return leaks;
}

/** Fails with every English message found on the page, by catalogue key. */
export async function assertNoEnglish(page: Page, name: string, allowed: readonly string[] = []): Promise<void> {
  const leaks = await findEnglish(page, allowed);
  if (leaks.length === 0) return;
  const lines = leaks.slice(0, 20).map((leak) => `  ${leak.key}: "${leak.english}" in "${leak.shown.slice(0, 120)}"`);
  throw new Error(`English on the French page ${name} (${page.url()}):\n${lines.join("\n")}${leaks.length > 20 ? `\n  … and ${leaks.length - 20} more` : ""}`);
}
