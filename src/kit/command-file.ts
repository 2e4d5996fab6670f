/**
 * Reads the files the runner gives actions for outputs, env, path and state
 * ($GITHUB_OUTPUT …): "name=value" lines, or "name<<DELIM" … "DELIM" blocks for
 * multi-line values, as @actions/core writes them.
 */
export function parseCommandFile(text: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line === "") continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delim] = heredoc as unknown as [string, string, string];
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delim; i++) value.push(lines[i] as string);
      out.push([name, value.join("\n")]);
      continue;
    }
    const eq = line.indexOf("=");
    if (eq > 0) out.push([line.slice(0, eq), line.slice(eq + 1)]);
  }
  return out;
}
