import { DEFAULT_THEME, mergeMantineTheme } from "@mantine/core";
import { accessibleColorVariables, contrastRatio, createUiTheme, mix, readableShade } from "@tenancy/ui";
import { describe, expect, it } from "vitest";

const theme = mergeMantineTheme(DEFAULT_THEME, createUiTheme("Close"));
const variables = accessibleColorVariables(theme);
const WHITE = theme.white;

describe("the theme's colours (WCAG 2.2 AA)", () => {
  it("make every badge, alert and subtle button text read at 4.5:1 on its light tint, and on white", () => {
    for (const color of ["indigo", "green", "red", "yellow", "gray", "grape", "teal", "blue", "orange"]) {
      const tint = mix(theme.colors[color]![6], WHITE, 0.12);
      const text = variables[`--mantine-color-${color}-light-color`]!;
      expect(contrastRatio(text, tint), color).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(text, WHITE), color).toBeGreaterThanOrEqual(4.5);
    }
  });

  it("put white text on filled buttons at 4.5:1, the primary colour included", () => {
    for (const color of [theme.primaryColor, "red", "green"]) {
      expect(contrastRatio(WHITE, variables[`--mantine-color-${color}-filled`]!), color).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(WHITE, variables[`--mantine-color-${color}-filled-hover`]!), color).toBeGreaterThanOrEqual(4.5);
    }
  });

  it("keep dimmed text, links and error messages at 4.5:1 on white and the pale greys, and control borders at 3:1", () => {
    for (const background of [WHITE, theme.colors.gray[0], theme.colors.gray[1]]) {
      for (const name of ["--mantine-color-dimmed", "--mantine-color-anchor", "--mantine-color-error", "--mantine-color-placeholder"]) {
        expect(contrastRatio(variables[name]!, background), `${name} on ${background}`).toBeGreaterThanOrEqual(4.5);
      }
      expect(contrastRatio(variables["--tenancy-control-border"]!, background)).toBeGreaterThanOrEqual(3);
    }
  });
});

describe("readableShade", () => {
  it("keeps a palette's own shade when it already reads well, and goes darker than the palette when none does", () => {
    expect(readableShade(theme.colors.gray, 7, [WHITE])).toBe(theme.colors.gray[7]);
    const yellow = readableShade(theme.colors.yellow, 6, [WHITE]);
    expect(theme.colors.yellow).not.toContain(yellow);
    expect(contrastRatio(yellow, WHITE)).toBeGreaterThanOrEqual(4.5);
  });
});
