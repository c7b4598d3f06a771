// render: in a comparative document, the prose section written under a question's heading
// is shown with that question's side-by-side table; the other sections stay in the body.
import type { Question } from '../validate/index.ts';

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

export function sectionsByQuestion(body: string, questions: readonly Question[]): { rest: string; byQuestion: Map<string, string> } {
  const byQuestion = new Map<string, string>();
  const rest: string[] = [];
  const parts = body.split(/^(?=## )/m);
  for (const part of parts) {
    const heading = /^## (.+)$/m.exec(part)?.[1];
    const q = heading ? questions.find((x) => norm(x.question) === norm(heading) || x.id === norm(heading).replace(/ /g, '-')) : undefined;
    if (q) byQuestion.set(q.id, part.replace(/^## .+\n?/, ''));
    else rest.push(part);
  }
  return { rest: rest.join(''), byQuestion };
}
