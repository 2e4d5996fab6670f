// Renders the job summaries kept under test/fixtures/summaries (written by
// test/actions/summaries.test.ts) the way GitHub shows a step summary (GitHub-flavoured
// Markdown: tables, task lists, <details>, fenced code, and ```mermaid blocks drawn by Mermaid
// as GitHub draws them) and screenshots each page in headless Chromium, to look at what users
// see without a workflow run.
//
//   node scripts/render-summaries.mjs [--out DIR]     (default: dist-summaries/, not committed)
//
// Needs Chromium (`apt-get install chromium`), or its path in CHROMIUM. Charts need Mermaid's
// browser bundle, which goship does not depend on: `npm install --no-save mermaid@12`, or its
// path in MERMAID_JS; without it a chart shows as its source, and the script says so.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Marked } from "marked";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const source = join(root, "test/fixtures/summaries");
const outArg = process.argv.indexOf("--out");
const out = outArg > 0 ? resolve(process.argv[outArg + 1]) : join(root, "dist-summaries");
const chromium = process.env.CHROMIUM || "chromium";
const mermaidJs = process.env.MERMAID_JS || join(root, "node_modules/mermaid/dist/mermaid.min.js");
const mermaid = existsSync(mermaidJs) ? pathToFileURL(mermaidJs).href : undefined;

// GitHub renders a step summary as GFM in its Primer styles; these are the parts a summary uses.
const CSS = `
body { margin: 0; background: #fff; color: #1f2328; font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }
main { box-sizing: border-box; width: 1012px; padding: 24px 32px; }
h2 { font-size: 1.5em; font-weight: 600; padding-bottom: .3em; border-bottom: 1px solid #d1d9e0b3; margin: 0 0 16px; }
h3 { font-size: 1.25em; font-weight: 600; margin: 24px 0 16px; }
p, ul, table, pre, details { margin: 0 0 16px; }
ul { padding-left: 2em; }
code { font: 85% ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; background: #818b981f; border-radius: 6px; padding: .2em .4em; }
pre { background: #f6f8fa; border-radius: 6px; padding: 16px; overflow: auto; }
pre code { background: none; padding: 0; font-size: 85%; }
table { border-collapse: collapse; display: block; width: max-content; max-width: 100%; overflow: auto; }
th, td { border: 1px solid #d1d9e0; padding: 6px 13px; }
th { font-weight: 600; }
tr:nth-child(2n) { background: #f6f8fa; }
a { color: #0969da; text-decoration: none; }
summary { cursor: pointer; }
`;

const marked = new Marked({ gfm: true });
await mkdir(out, { recursive: true });
const files = (await readdir(source)).filter((f) => f.endsWith(".md")).sort();
let failed = 0;
for (const file of files) {
  const name = basename(file, ".md");
  let body = marked.parse(await readFile(join(source, file), "utf8"));
  // GitHub draws a ```mermaid block; marked leaves it as code, which Mermaid then draws here.
  const charts = body.includes('class="language-mermaid"');
  if (charts && mermaid) {
    body = body.replace(
      /<pre><code class="language-mermaid">([\s\S]*?)<\/code><\/pre>/g,
      '<pre class="mermaid">$1</pre>',
    );
  } else if (charts) {
    console.log(`${name}: its charts show as Mermaid source (npm install --no-save mermaid@12 draws them)`);
  }
  const script =
    charts && mermaid
      ? `<script src="${mermaid}"></script><script>mermaid.initialize({ startOnLoad: true, theme: "default" });</script>`
      : "";
  const html = join(out, `${name}.html`);
  await writeFile(
    html,
    `<!doctype html><html><head><meta charset="utf-8"><title>${name}</title><style>${CSS}</style></head><body><main>${body}</main>${script}</body></html>\n`,
  );
  const png = join(out, `${name}.png`);
  const shot = spawnSync(
    chromium,
    [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--hide-scrollbars",
      "--force-device-scale-factor=1",
      "--window-size=1012,1400",
      // Time for Mermaid to draw before the shot (virtual time: no wait when nothing runs).
      "--virtual-time-budget=10000",
      `--screenshot=${png}`,
      pathToFileURL(html).href,
    ],
    { encoding: "utf8", timeout: 120_000 },
  );
  if (shot.status !== 0) {
    failed++;
    console.error(
      `${name}: ${chromium} failed (${shot.error?.message ?? `exit ${shot.status}`}): ${shot.stderr}`,
    );
  } else console.log(`${name}: ${png}`);
}
process.exit(failed > 0 ? 1 : 0);
