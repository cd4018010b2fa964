// Colour contrast for WCAG 2.2 AA, applied to the theme once: every text colour Mantine derives from a
// palette (filled buttons, light badges and alerts, outlines, links, coloured text, dimmed text, errors,
// placeholders) is replaced by the lightest colour of that palette that reads at 4.5:1 or better on the
// backgrounds it is shown on. Mantine's defaults read at about 2:1 (a green "Active" badge) to 4.3:1 (the
// indigo primary on white).
import type { MantineTheme } from "@mantine/core";

/** WCAG's 4.5:1 for normal text, with a little room for the browser's rounding of blended colours. */
export const TEXT_CONTRAST = 4.6;
/** WCAG 1.4.11's 3:1 for the boundary of a control (an input's border, an unchecked checkbox). */
export const CONTROL_CONTRAST = 3.1;

type Rgb = readonly [number, number, number];

function parseHex(color: string): Rgb {
  const hex = color.replace("#", "");
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join("") : hex;
  if (!/^[0-9a-f]{6}$/i.test(full)) throw new Error(`Not a hex colour: ${color}`);
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as unknown as Rgb;
}

function toHex(rgb: Rgb): string {
  return `#${rgb.map((v) => Math.round(Math.min(255, Math.max(0, v))).toString(16).padStart(2, "0")).join("")}`;
}

/** `front` at `amount` (0..1) over `back`: the colour a translucent background shows, or a mix of two colours. */
export function mix(front: string, back: string, amount: number): string {
  const f = parseHex(front);
  const b = parseHex(back);
  return toHex([0, 1, 2].map((i) => f[i]! * amount + b[i]! * (1 - amount)) as unknown as Rgb);
}

function luminance(color: string): number {
  const channel = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const [r, g, b] = parseHex(color);
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** WCAG 2 contrast ratio, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/**
 * The lightest colour at or after `palette[from]` (the palette's shades and the steps between them, then
 * darker than its last shade) with at least `ratio` against every one of `backgrounds`.
 */
export function readableShade(palette: readonly string[], from: number, backgrounds: readonly string[], ratio = TEXT_CONTRAST): string {
  const passes = (color: string) => backgrounds.every((background) => contrastRatio(color, background) >= ratio);
  const candidates: string[] = [];
  for (let shade = from; shade < palette.length; shade++) {
    if (shade > from) for (let step = 1; step < 10; step++) candidates.push(mix(palette[shade]!, palette[shade - 1]!, step / 10));
    candidates.push(palette[shade]!);
  }
  const last = palette[palette.length - 1]!;
  for (let step = 1; step <= 20; step++) candidates.push(mix("#000000", last, step / 20));
  return candidates.find(passes) ?? "#000000";
}

/**
 * CSS variables of the light colour scheme that replace Mantine's for every palette of the theme, plus the
 * dimmed, placeholder, error and link colours. Backgrounds are those Mantine draws: white, the light
 * variant's 10% (12% on hover) tint of the palette's main shade, and the pale greys of tables, code and
 * filled fieldsets.
 */
export function accessibleColorVariables(theme: MantineTheme): Record<string, string> {
  const white = theme.white;
  const gray = theme.colors.gray;
  const paleGreys = [white, gray[0], gray[1]];
  const shade = typeof theme.primaryShade === "number" ? theme.primaryShade : theme.primaryShade.light;
  const variables: Record<string, string> = {};

  for (const [name, palette] of Object.entries(theme.colors)) {
    if (name === "dark" || !palette) continue;
    const main = palette[shade]!;
    const lightBackgrounds = [white, mix(main, white, 0.1), mix(main, white, 0.12)];
    const text = readableShade(palette, shade, paleGreys);
    const filled = readableShade(palette, shade, [white]);
    variables[`--mantine-color-${name}-text`] = text;
    variables[`--mantine-color-${name}-filled`] = filled;
    variables[`--mantine-color-${name}-filled-hover`] = mix("#000000", filled, 0.12);
    variables[`--mantine-color-${name}-light-color`] = readableShade(palette, shade, lightBackgrounds);
    variables[`--mantine-color-${name}-outline`] = text;
  }

  const readableGrey = readableShade(gray, 6, paleGreys);
  const red = theme.colors.red;
  return {
    ...variables,
    "--mantine-color-dimmed": readableGrey,
    "--mantine-color-placeholder": readableGrey,
    "--mantine-color-error": readableShade(red, shade, paleGreys),
    "--mantine-color-anchor": variables[`--mantine-color-${theme.primaryColor}-text`] ?? "inherit",
    /** The border of inputs, checkboxes and radios (WCAG 1.4.11), used by this package's stylesheet. */
    "--tenancy-control-border": readableShade(gray, 4, paleGreys, CONTROL_CONTRAST),
  };
}
