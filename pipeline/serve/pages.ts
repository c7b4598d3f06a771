// serve: the preview's own pages, the only ones that run a script: the list of documents and
// packs, and the frame around a document that follows its rebuilds; and the page view shown in
// that frame, which runs none. Every value is escaped.
import type { PageImages, PreviewDocument, PreviewState } from './preview.ts';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = `
  [hidden] { display: none !important; }
  body { font: 15px/1.45 system-ui, sans-serif; margin: 0; color: #1d2330; background: #f6f7f9; }
  header { display: flex; gap: 1rem; align-items: baseline; padding: .5rem 1rem; background: #1d2330; color: #fff; }
  header a { color: #cfe0ff; }
  main { padding: 1rem 1.5rem; max-width: 60rem; }
  .status { font-size: 13px; opacity: .85; }
  pre.error { margin: 1rem; padding: 1rem; background: #fff4f2; border: 1px solid #d9534f; color: #6b1d1a; white-space: pre-wrap; font: 13px/1.4 ui-monospace, monospace; }
  iframe { border: 0; width: 100%; height: calc(100vh - 2.6rem); background: #fff; display: block; }
  li { margin: .2rem 0; } .kind { color: #667; font-size: 13px; } button { font: inherit; }
`;

function layout(title: string, nonce: string, body: string, script: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>${body}<script nonce="${nonce}">${script}</script></body></html>`;
}

/** Follows the rebuilds: `onBuild(state)` for each one after the page's own. */
const follow = (version: number, onBuild: string) =>
  `let seen = ${version}; const events = new EventSource('/events');
events.addEventListener('build', (e) => { const s = JSON.parse(e.data); if (s.version !== seen) { seen = s.version; (${onBuild})(s); } });`;

export function indexPage(state: PreviewState, nonce: string): string {
  const byAudience = state.audiences
    .map((a) => {
      const docs = state.documents.filter((d) => d.audience === a.id);
      const items = docs
        .map(
          (d) =>
            `<li><a href="/preview/${escapeHtml(d.name)}">${escapeHtml(d.title)}</a> <span class="kind">${escapeHtml(d.kind)} · ${escapeHtml(d.name)}</span></li>`,
        )
        .join('');
      const packs = a.packs
        .map(
          (p) =>
            `<li>${escapeHtml(p.title)} <button data-audience="${escapeHtml(a.id)}" data-pack="${escapeHtml(p.pack ?? '')}">make the PDF</button> <span class="result"></span></li>`,
        )
        .join('');
      return `<h2>${escapeHtml(a.label)} <span class="kind">${escapeHtml(a.id)}</span></h2><ul>${items || '<li class="kind">no document for this audience</li>'}</ul><h3>Packs</h3><ul>${packs}</ul>`;
    })
    .join('');
  const body = `<header><strong>brief</strong><span class="status">live preview · build ${state.version}</span></header>
${state.error ? `<pre class="error">${escapeHtml(state.error)}</pre>` : ''}<main>${byAudience || '<p>No document yet.</p>'}</main>`;
  const script = `${follow(state.version, '() => location.reload()')}
for (const b of document.querySelectorAll('button[data-audience]')) b.addEventListener('click', async () => {
  const out = b.nextElementSibling; b.disabled = true; out.textContent = 'queued…';
  const body = { audience: b.dataset.audience, ...(b.dataset.pack ? { pack: b.dataset.pack } : {}) };
  const r = await fetch('/api/packs', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const job = await r.json(); if (!r.ok) { out.textContent = job.error; b.disabled = false; return; }
  for (;;) { const s = await (await fetch(job.status_url)).json(); out.textContent = s.status + '…';
    if (s.status === 'done') { out.innerHTML = ''; const a = document.createElement('a'); a.href = s.pdf_url; a.textContent = 'open the PDF'; out.append(a); break; }
    if (s.status === 'failed') { out.textContent = 'failed: ' + s.error; break; }
    await new Promise((r) => setTimeout(r, 1000)); }
  b.disabled = false;
});`;
  return layout('brief · live preview', nonce, body, script);
}

/** The document as printed: each page an image of the print, the count against the audience's budget. No script. */
export function pageView(doc: PreviewDocument, images: PageImages | string): string {
  const head = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(doc.title)} · pages</title><style>
  body { margin: 0; padding: 12px 0 24px; background: #5b6170; font: 13px/1.4 system-ui, sans-serif; }
  p.count { margin: 0 auto 12px; text-align: center; color: #fff; } p.count.over { color: #ffd2cc; font-weight: bold; }
  section.page { margin: 0 auto 16px; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.5); position: relative; }
  section.page img { display: block; width: 100%; height: auto; }
  section.page span { position: absolute; right: -3.2em; top: 0; color: #dde; }
  pre { margin: 1rem; padding: 1rem; background: #fff4f2; color: #6b1d1a; white-space: pre-wrap; }
</style></head><body>`;
  if (typeof images === 'string') return `${head}<pre>${escapeHtml(images)}</pre></body></html>`;
  const n = images.pages.length;
  const over = doc.budget !== undefined && n > doc.budget;
  const count = `${n} page${n === 1 ? '' : 's'}${doc.budget === undefined ? '' : `; the audience's budget is ${doc.budget}${over ? `: ${n - doc.budget} over` : ''}`}`;
  const pages = images.pages
    .map((p, i) => {
      const [w, h] = [p.width, p.height].map((x) => Math.round((x * 96) / images.dpi));
      return `<section class="page" id="page-${i + 1}" style="width:${w}px"><img src="/pages/${escapeHtml(doc.name)}/${i + 1}.png?v=${escapeHtml(images.version)}" width="${w}" height="${h}" alt="page ${i + 1} of ${n}"><span>${i + 1}</span></section>`;
    })
    .join('\n');
  return `${head}<p class="count${over ? ' over' : ''}" id="count">${escapeHtml(count)}</p>\n${pages}</body></html>`;
}

/** The views a document opens in: its pages as printed (by default), or its HTML. */
export type View = 'pages' | 'html';

export function wrapperPage(state: PreviewState, doc: PreviewDocument, nonce: string, view: View = 'pages'): string {
  const other = view === 'pages' ? 'html' : 'pages';
  const body = `<header><a href="/">all documents</a><strong>${escapeHtml(doc.title)}</strong><span class="status" id="status">${escapeHtml(doc.name)} · build ${state.version}</span><a href="/preview/${escapeHtml(doc.name)}?view=${other}">${other === 'html' ? 'as HTML' : 'as printed'}</a></header>
<pre class="error" id="error"${state.error ? '' : ' hidden'}>${escapeHtml(state.error ?? '')}</pre>
<iframe id="doc" title="${escapeHtml(doc.title)}" sandbox="allow-same-origin" src="/${view === 'pages' ? 'pages' : 'documents'}/${escapeHtml(doc.name)}.html?v=${state.version}"${state.error ? ' hidden' : ''}></iframe>`;
  // Reloads the frame when its document was rebuilt, or when an error is fixed. The reader stays on
  // the page they were reading (and as far down it), which the address keeps too (#page=N), for a reload by hand.
  const script = `const name = ${JSON.stringify(doc.name)}, base = ${JSON.stringify(view === 'pages' ? '/pages/' : '/documents/')}; let broken = ${state.error ? 'true' : 'false'};
const frame = document.getElementById('doc'), error = document.getElementById('error'), status = document.getElementById('status');
const pagesOf = () => frame.contentDocument ? [...frame.contentDocument.querySelectorAll('section.page, .page')] : [];
function where() {
  const w = frame.contentWindow; if (!w) return { page: 0, within: 0, y: 0 };
  const y = w.scrollY, pages = pagesOf(); let page = 0;
  pages.forEach((p, i) => { if (p.offsetTop <= y + 1) page = i; });
  const p = pages[page]; return { page, within: p ? (y - p.offsetTop) / Math.max(1, p.offsetHeight) : 0, y };
}
function goTo(at) {
  const w = frame.contentWindow, p = pagesOf()[Math.min(at.page, pagesOf().length - 1)];
  if (w) w.scrollTo(0, p ? p.offsetTop + at.within * p.offsetHeight : at.y);
}
let reading = { page: Math.max(0, Number((/^#page=(\\d+)$/.exec(location.hash) || [])[1] || 1) - 1), within: 0, y: 0 };
// The frame runs no script: where the reader is, is read from here, while no new version is loading.
let settled = false;
const arrived = () => { goTo(reading); settled = true; };
frame.addEventListener('load', arrived);
if (frame.contentDocument && frame.contentDocument.readyState === 'complete' && frame.contentDocument.URL !== 'about:blank') arrived();
setInterval(() => {
  if (!settled || frame.hidden) return;
  const now = where();
  if (now.y === reading.y) return;
  reading = now;
  if (pagesOf().length) history.replaceState(null, '', '#page=' + (now.page + 1));
}, 250);
${follow(
  state.version,
  `(s) => {
  status.textContent = name + ' · build ' + s.version;
  if (s.error) { error.textContent = s.error; error.hidden = false; frame.hidden = true; broken = true; return; }
  error.hidden = true; frame.hidden = false;
  if (!s.documents.includes(name)) { error.textContent = name + ' is no longer built (its report or audience is gone).'; error.hidden = false; return; }
  if (broken || s.changed.includes(name)) { settled = false; frame.src = base + name + '.html?v=' + s.version; }
  broken = false;
}`,
)}`;
  return layout(`${doc.title} · brief preview`, nonce, body, script);
}
