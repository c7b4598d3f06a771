// render: straight quotes in a document's text become typographic for its language; verbatim
// quotes, code, attributes and styles keep every byte.
import { describe, expect, it } from 'vitest';
import { smartQuotes } from '../../../pipeline/core/quotes.ts';
import { typographicQuotes } from '../../../pipeline/render/typography.ts';

describe('smartQuotes', () => {
  it('tells an apostrophe from an opening and a closing quote', () => {
    expect(smartQuotes(`Iran's view`)).toBe('Iran’s view');
    expect(smartQuotes(`Roubanis' text`)).toBe('Roubanis’ text');
    expect(smartQuotes(`the '90s and the 1990's`)).toBe('the ’90s and the 1990’s');
    expect(smartQuotes(`he says "yes" and 'no'.`)).toBe('he says “yes” and ‘no’.');
    expect(smartQuotes(`("two states, one military")`)).toBe('(“two states, one military”)');
    expect(smartQuotes(`"Who's there?" — "me"`)).toBe('“Who’s there?” — “me”');
  });

  it('closes a quote before a note number and opens one after a dash', () => {
    expect(smartQuotes(`"less Russia, more Turkey"\uE0001\uE001.`)).toBe('“less Russia, more Turkey”\uE0001\uE001.');
    expect(smartQuotes(`war—"44-day"`)).toBe('war—“44-day”');
  });

  it('uses the marks of the language', () => {
    expect(smartQuotes(`"ja"`, 'de')).toBe('„ja“');
    expect(smartQuotes(`"oui"`, 'fr-CA')).toBe('«oui»');
    expect(smartQuotes(`"yes"`, 'xx')).toBe('“yes”');
  });
});

describe('typographicQuotes', () => {
  it('leaves verbatim quotes, code, attributes and styles as they are', () => {
    const html =
      `<p title="a 'b'">Iran&#x27;s &quot;view&quot;: <q>Iran&#x27;s "own" words</q>, <code>x = "y"</code>.</p>` +
      `<style>q { quotes: "\\201C" "\\201D"; }</style><script>let a = "b";</script>`;
    expect(typographicQuotes(html)).toBe(
      `<p title="a 'b'">Iran’s “view”: <q>Iran&#x27;s "own" words</q>, <code>x = "y"</code>.</p>` +
        `<style>q { quotes: "\\201C" "\\201D"; }</style><script>let a = "b";</script>`,
    );
  });

  it('carries a quote across inline elements, and starts afresh in each block', () => {
    expect(typographicQuotes(`<p>"<em>soft</em> encirclement"<sup>3</sup></p><p>"yes"</p>`)).toBe(
      `<p>“<em>soft</em> encirclement”<sup>3</sup></p><p>“yes”</p>`,
    );
    expect(typographicQuotes(`<td>said</td><td>"yes"</td>`)).toBe(`<td>said</td><td>“yes”</td>`);
  });

  it('follows the lang of the nearest element that has one', () => {
    expect(
      typographicQuotes(`<html lang="de"><p>"ja" <span lang="en">"yes" <span>"so"</span></span> "so"</p></html>`),
    ).toBe(`<html lang="de"><p>„ja“ <span lang="en">“yes” <span>“so”</span></span> „so“</p></html>`);
  });

  it('leaves a document without straight quotes byte for byte', () => {
    const html = `<!doctype html><html lang="en"><!-- "a" --><p>a < b, “c”</p><br/><svg><text>d</text></svg></html>`;
    expect(typographicQuotes(html)).toBe(html);
  });
});
