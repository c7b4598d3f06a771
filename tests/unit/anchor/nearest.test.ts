// anchor: the passage nearest a quote that is not in its text, and the word-level difference.
import { describe, expect, it } from 'vitest';
import { describeChanges, nearestPassage } from '../../../pipeline/anchor/nearest.ts';

const TEXT = [
  'Introduction to the article.',
  'Iran’s Foreign Minister visited Baku on 5 July to participate in the ministerial meeting,',
  'where he reiterated Iran’s firm commitment to resolving mutual misunderstandings with Azerbaijan.',
  'Relations may stay tense for years.',
].join('\n');

describe('nearestPassage', () => {
  it('finds the passage a quote was copied from, across a line break, and names the changed word', () => {
    const near = nearestPassage(TEXT, 'he reiterated Iran’s strong commitment to resolving mutual misunderstandings');
    expect(near).toMatchObject({
      line: 3,
      text: 'he reiterated Iran’s firm commitment to resolving mutual misunderstandings',
    });
    expect(describeChanges(near!.changes)).toBe('"strong" → "firm"');
  });

  it('says what the quote adds and what it leaves out', () => {
    expect(describeChanges(nearestPassage(TEXT, 'Relations may not stay tense for years.')!.changes)).toBe(
      '"not" (not in the text)',
    );
    expect(describeChanges(nearestPassage(TEXT, 'Relations stay tense for years.')!.changes)).toBe(
      '"may" (only in the text)',
    );
    const spanning = nearestPassage(TEXT, 'visited Baku on 5 July to participate in the meeting, where he reiterated');
    expect(spanning!.text).toBe(
      'visited Baku on 5 July to participate in the ministerial meeting, where he reiterated',
    );
  });

  it('offers nothing for a quote the text does not resemble', () => {
    expect(nearestPassage(TEXT, 'Completely unrelated words about something else entirely')).toBeUndefined();
    expect(nearestPassage(TEXT, 'Hi')).toBeUndefined();
  });
});
