import { decodeEntities, rewriteLinks, unescapeMustaches } from './link-rewriter';

const BASE = 'https://mail.example.com';

describe('rewriteLinks', () => {
  it('numbers web links in order, one index per distinct URL, and decodes entities', () => {
    const html = `<a href="https://a.example/x?p=1&amp;q=2">a</a><a class="b" href='https://b.example/'>b</a><a\n   href="https://a.example/x?p&#x3D;1&amp;q=2" style="x">again</a>`;
    const { html: out, links } = rewriteLinks(html, BASE);
    expect(links).toEqual(['https://a.example/x?p=1&q=2', 'https://b.example/']);
    expect(out).toBe(`<a href="${BASE}/r/{{{_token}}}/0">a</a><a class="b" href="${BASE}/r/{{{_token}}}/1">b</a><a\n   href="${BASE}/r/{{{_token}}}/0" style="x">again</a>`);
  });

  it('leaves our public links, recipient expressions and non-web links alone', () => {
    const html = `<a href="${BASE}/p/{{{_token}}}/3">3</a><a href="{{link 'unsubscribe'}}">u</a><a href="mailto:x@example.com">m</a><a href="#top">t</a><img src="https://img.example/a.png">`;
    expect(rewriteLinks(html, BASE)).toEqual({ html, links: [] });
  });

  it('does not take a data-href or an href inside another attribute for a link', () => {
    const html = `<a title="see href=&quot;x&quot;" data-href="https://no.example/" href="https://yes.example/">y</a>`;
    expect(rewriteLinks(html, BASE).links).toEqual(['https://yes.example/']);
  });
});

describe('unescapeMustaches', () => {
  it('decodes entities inside expressions only', () => {
    expect(unescapeMustaches('&amp; {{default subscriber.name &quot;a &amp; b&quot;}} &quot;')).toBe('&amp; {{default subscriber.name "a & b"}} &quot;');
  });
});

describe('decodeEntities', () => {
  it('decodes named, decimal and hex references', () => {
    expect(decodeEntities('&lt;&#61;&#x3D;&apos;&unknown;')).toBe("<=='&unknown;");
  });
});
