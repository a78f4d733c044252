/**
 * French typography as the OQLF recommends: a no-break space before « : » and inside
 * guillemets, a narrow no-break space before ; ! ?. Idempotent.
 */
export const NBSP = '\u00a0';
export const NNBSP = '\u202f';

export const frenchTypography = (text: string): string =>
  text
    .replace(/[ \u00a0\u202f]*([;!?])/g, (m, p: string, offset: number, all: string) => {
      const before = all[offset - 1];
      // Leave URLs, "?!" runs and line starts alone.
      if (offset === 0 || before === '\n') return m;
      return `${NNBSP}${p}`;
    })
    .replace(/(\S)[ \u00a0\u202f]*:(?=\s|$)/g, (m, c: string) => (/\d/.test(c) ? m : `${c}${NBSP}:`))
    .replace(/«[ \u00a0\u202f]*/g, `«${NBSP}`)
    .replace(/[ \u00a0\u202f]*»/g, `${NBSP}»`)
    .replace(/"([^"\n]+)"/g, `«${NBSP}$1${NBSP}»`)
    .replace(/'/g, '’');
