/**
 * Colours mermaid's "neutral" theme is given wherever it draws, so its text keeps WCAG AA contrast
 * (4.5:1). Mermaid's own critical-path red (#d42) under white bar text is only 4.3:1; the app's danger
 * red (--color-danger) gives 7.8:1. Every other neutral-theme pairing already passes: black on #eee
 * nodes, #333 on the #bdbdbd section bands, white on the #707070 task bars (4.9:1). A gantt's marks of the
 * partner's time (its `vert` lines and their names) are near-black, where mermaid draws them navy.
 */
export const MERMAID_THEME_VARIABLES = { critical: "#a3161a", vertLineColor: "#1a1a1a" } as const;
