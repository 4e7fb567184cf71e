/** Cyrus 3.6 gives an HTML-only message's source as its preview: the list shows words. */
import { describe, expect, it } from 'vitest';
import { plainPreview } from './line.ts';

describe('plainPreview', () => {
  it('reads the HTML source Cyrus sends as the words in it', () => {
    expect(
      plainPreview(
        '<html><head><style>p{color:red}</style><title>T</title></head><body><h1>Hello</h1><p><img id="logo" src="cid:x">Read&nbsp;on &amp; enjoy &#8212; &#x263A;</p>',
      ),
    ).toBe('Hello Read on & enjoy — ☺');
  });

  it('drops a tag or comment cut off at the preview limit', () => {
    expect(plainPreview('<p>Dear Ann,</p><!-- tracking <img src="https://t.example/p')).toBe('Dear Ann,');
    expect(plainPreview('<div>Total: 3 items</div><a href="https://shop.example/ord')).toBe('Total: 3 items');
  });

  it('leaves text previews alone, including ones that mention < and >', () => {
    expect(plainPreview('If a < b and b > c then a < c')).toBe('If a < b and b > c then a < c');
    expect(plainPreview('Meet at 5 — bring <3 cookies')).toBe('Meet at 5 — bring <3 cookies');
  });
});
