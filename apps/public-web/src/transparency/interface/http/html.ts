/**
 * Server-rendered HTML without a template engine: `html` is a tagged template that escapes every value put into
 * it unless the value is already Html (a fragment built by `html` itself). So text from events — a need's title,
 * an objection's reason — can only ever be text.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** Markup that is already safe: built by `html`, never from outside text. */
export class Html {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

type Value = Html | string | number | null | undefined | false | readonly Value[];

const render = (value: Value): string => {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.markup;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value as string | number));
};

export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  return new Html(strings.reduce((out, s, i) => out + s + (i < values.length ? render(values[i]) : ''), ''));
}

const STYLE = `
  body { font: 15px/1.5 system-ui, "PingFang SC", "Noto Sans CJK SC", sans-serif; margin: 0 auto; max-width: 60rem;
         padding: 1rem 1.5rem; color: #1d2125; background: #fbfbf8; }
  header { border-bottom: 3px solid #b22222; margin-bottom: 1rem; }
  h1 { margin: .2rem 0; } h2 { margin-top: 2rem; border-bottom: 1px solid #ccc; } h3 { margin-bottom: .3rem; }
  table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
  th, td { border: 1px solid #d8d8d0; padding: .25rem .5rem; text-align: left; vertical-align: top; }
  .muted { color: #666; font-size: .9em; } .money { font-variant-numeric: tabular-nums; white-space: nowrap; }
  .approve { color: #1b6e20; } .object { color: #b22222; } .abstain, .did-not-vote, .awaited { color: #7a6a00; }
  article { background: #fff; border: 1px solid #e2e2da; border-radius: 6px; padding: .5rem 1rem; margin: .75rem 0; }
`;

/** The page around `body`: UTF-8, no script, no external resource. */
export function page(title: string, body: Html): string {
  return html`<!doctype html>
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title}</title>
        <style>
          ${new Html(STYLE)}
        </style>
      </head>
      <body>
        ${body}
        <footer class="muted">
          <p>
            三社联动 Sanshe · 公开信息 public record: only public facts, no personal data. Parties by their public id.
          </p>
        </footer>
      </body>
    </html> `.markup;
}

/** Integer fen as yuan with two decimals and thousands separators (never floating point). */
export function formatMoney({ amountFen, currency }: { amountFen: number; currency: string }): string {
  const yuan = Math.floor(Math.abs(amountFen) / 100).toLocaleString('en-US');
  const fen = String(Math.abs(amountFen) % 100).padStart(2, '0');
  const sign = amountFen < 0 ? '-' : '';
  return currency === 'CNY' ? `${sign}¥${yuan}.${fen}` : `${sign}${currency} ${yuan}.${fen}`;
}

/** A moment as the page shows it: UTC, to the minute. */
export const formatInstant = (at: Date): string => `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
