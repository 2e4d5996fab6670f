import { appendFile } from "node:fs/promises";

/** How many summaries this process has written: runAction writes one on failure only when run() did not. */
let writes = 0;
export const summaryWrites = (): number => writes;

/**
 * A job summary in GitHub-flavoured Markdown. Markdown (not the HTML tables that
 * @actions/core's summary writes) so that local mode can print it as readable text.
 */
export class Summary {
  private readonly parts: string[] = [];

  heading(text: string, level = 2): this {
    this.parts.push(`${"#".repeat(level)} ${text}`);
    return this;
  }

  /** The line a summary opens with: ✅ or ❌, then what happened (or what failed). */
  status(ok: boolean, text: string): this {
    this.parts.push(`${ok ? "✅" : "❌"} ${text}`);
    return this;
  }

  paragraph(text: string): this {
    this.parts.push(text);
    return this;
  }

  list(items: readonly string[]): this {
    if (items.length > 0) this.parts.push(items.map((i) => `- ${i}`).join("\n"));
    return this;
  }

  /** A table; cells are escaped so a value can never break the layout. */
  table(
    headers: readonly string[],
    rows: ReadonlyArray<readonly (string | number)[]>,
    align?: readonly ("l" | "r")[],
  ): this {
    const cell = (v: string | number) => String(v).replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
    const rule = headers.map((_, i) => (align?.[i] === "r" ? "---:" : "---"));
    const lines = [headers, rule, ...rows].map((r) => `| ${r.map(cell).join(" | ")} |`);
    this.parts.push(lines.join("\n"));
    return this;
  }

  code(text: string, lang = ""): this {
    const fence = text.includes("```") ? "````" : "```";
    this.parts.push(`${fence}${lang}\n${text}\n${fence}`);
    return this;
  }

  /**
   * A line chart of one or more series over the same x values (GitHub renders Mermaid), for a
   * quantity over time where the shape is the point (a table of 60 rows is not read). Numeric
   * x values make a numeric axis that Mermaid labels sparsely (sixty category labels overlap);
   * each series gets its colour from `colors`, in order.
   */
  lineChart(
    title: string,
    x: readonly number[],
    series: readonly (readonly number[])[],
    axes: { x: string; y: string },
    colors: readonly string[] = ["#0969da", "#cf222e", "#1a7f37"],
  ): this {
    if (x.length === 0 || series.length === 0) return this;
    const all = series.flat().filter(Number.isFinite);
    const lo = Math.min(0, ...all);
    const hi = Math.max(...all, 0);
    const q = (t: string) => `"${t.replace(/"/g, "'")}"`;
    const init = { themeVariables: { xyChart: { plotColorPalette: colors.join(", ") } } };
    this.parts.push(
      [
        "```mermaid",
        `%%{init: ${JSON.stringify(init)}}%%`,
        "xychart-beta",
        `  title ${q(title)}`,
        `  x-axis ${q(axes.x)} ${Math.min(...x)} --> ${Math.max(...x)}`,
        `  y-axis ${q(axes.y)} ${Math.floor(lo)} --> ${Math.ceil(hi * 1.1) || 1}`,
        ...series.map(
          (v) => `  line [${v.map((n) => (Number.isFinite(n) ? Number(n.toFixed(3)) : 0)).join(", ")}]`,
        ),
        "```",
      ].join("\n"),
    );
    return this;
  }

  /** Collapsed details: raw data a person opens only when the headline and tables are not enough. */
  details(title: string, body: Summary): this {
    const esc = title.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    this.parts.push(`<details><summary>${esc}</summary>\n\n${body.toMarkdown()}\n</details>`);
    return this;
  }

  toMarkdown(): string {
    return `${this.parts.join("\n\n")}\n`;
  }

  /** Appends to $GITHUB_STEP_SUMMARY; without it (plain `node dist/...` runs) there is nowhere to write. */
  async write(): Promise<void> {
    const file = process.env.GITHUB_STEP_SUMMARY;
    writes++;
    if (file) await appendFile(file, this.toMarkdown());
  }
}

/**
 * The summary of a step that failed before it could say more: the action, ❌ and the message's
 * first line, then the rest of it as it was printed.
 */
export function failureSummary(action: string, message: string): Summary {
  const [first = "", ...rest] = message.split("\n");
  const summary = new Summary().heading(action).status(false, `**failed**: ${first}`);
  if (rest.some((l) => l.trim() !== "")) summary.code(rest.join("\n"));
  return summary;
}
