import { escapeHtml, formatMoney, Html, html, page } from './html';

// An alias, so that the formatter leaves these templates' exact text alone (it formats html`…` as HTML).
const h = html;

describe('html', () => {
  it('escapes every interpolated text, in content and in attributes', () => {
    const title = `<script>alert("x")</script> & 'quotes'`;
    expect(h`<p title="${title}">${title}</p>`.markup).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;">' +
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;</p>',
    );
  });

  it('keeps fragments built by html as markup, joins lists, and leaves out null, undefined and false', () => {
    const items = ['a<b', 'c'].map((t) => html`<li>${t}</li>`);
    expect(h`<ul>${items}</ul>${null}${undefined}${false}${0}`.markup).toBe('<ul><li>a&lt;b</li><li>c</li></ul>0');
  });

  it('treats a string that looks like markup as text: only Html passes through', () => {
    expect(h`${'<b>x</b>'}|${new Html('<b>x</b>')}`.markup).toBe('&lt;b&gt;x&lt;/b&gt;|<b>x</b>');
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
  });

  it('renders a whole page with its title escaped and no script', () => {
    const out = page('<script>t</script>', html`<p>body</p>`);
    expect(out).toContain('<title>&lt;script&gt;t&lt;/script&gt;</title>');
    expect(out).not.toMatch(/<script/i);
  });
});

describe('formatMoney', () => {
  it('shows integer fen as yuan with two decimals and separators, never through floating point', () => {
    expect(formatMoney({ amountFen: 1_440_000, currency: 'CNY' })).toBe('¥14,400.00');
    expect(formatMoney({ amountFen: 900_719_925_474_099, currency: 'CNY' })).toBe('¥9,007,199,254,740.99');
    expect(formatMoney({ amountFen: 5, currency: 'HKD' })).toBe('HKD 0.05');
  });
});
