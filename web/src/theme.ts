import { Badge, createTheme, darken, Pagination, type CSSVariablesResolver } from '@mantine/core';
import i18n from 'i18next';

// Indigo matches the default brand colour of the mails (src/templates/brand.ts).
// Colours are held to WCAG 2.2 AA (4.5:1 for text), checked by axe in test/web-accessibility.e2e-spec.ts.
export const theme = createTheme({
  primaryColor: 'indigo',
  // Shade 7 (#4263eb) keeps white button text and indigo link text above 4.5:1; shade 6 gives 4.32:1.
  primaryShade: { light: 7, dark: 8 },
  // Filled badges and buttons in other colours get black or white text, whichever contrasts more
  // (0.179 is the luminance where both give the same ratio, so the worse case is still 4.58:1).
  autoContrast: true,
  luminanceThreshold: 0.179,
  defaultRadius: 'md',
  fontFamily: 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  headings: { fontWeight: '700' },
  focusRing: 'auto',
  cursorType: 'pointer',
  components: {
    // No text under 12 px (Mantine's xs/sm/md badges are 9/10/11 px),
    // and a badge shows its whole text (Dutch words are long): it keeps its width instead of an ellipsis.
    Badge: Badge.extend({
      vars: (_theme, props) => ({
        root: { '--badge-fz': props.size === 'lg' || props.size === 'xl' ? undefined : '12px' },
      }),
      styles: { root: { flexShrink: 0, maxWidth: 'none', overflow: 'visible' }, label: { overflow: 'visible' } },
    }),
    Pagination: Pagination.extend({
      defaultProps: {
        getControlProps: (control) => ({
          'aria-label': i18n.t(
            {
              first: 'common.pageFirst',
              previous: 'common.pagePrevious',
              next: 'common.pageNext',
              last: 'common.pageLast',
            }[control],
          ),
        }),
      },
    }),
  },
});

export const cssVariables: CSSVariablesResolver = (resolved) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    // Validation messages under inputs: red 8 is 5.6:1 on white (red 6 is 3.3:1).
    '--mantine-color-error': 'var(--mantine-color-red-8)',
    // Light badges, alerts and buttons: the lightest shade behind a darkened darkest shade keeps every
    // colour's text above 4.5:1 (Mantine's own pairing gives yellow 2.69:1, teal 4.33:1).
    ...Object.fromEntries(
      Object.entries(resolved.colors).flatMap(([name, shades]) => [
        [`--mantine-color-${name}-light`, shades[0]],
        [`--mantine-color-${name}-light-color`, darken(shades[9], 0.25)],
      ]),
    ),
  },
  dark: {},
});
