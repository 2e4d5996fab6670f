/**
 * Workflow commands (`::debug::…`, `::warning file=…::…`, `::group::…`) are for a runner's log;
 * in a terminal they are noise, and libraries goship uses (@actions/tool-cache, @actions/cache)
 * write them whatever mode goship is in. This turns a chunk of output into what a terminal
 * should show: a warning or an error as `warning: …` with its lines as lines, a group as its
 * title, debug lines only when asked for, and nothing of a mask or a matcher.
 */
export function plainText(chunk: string, debug: boolean): string {
  if (!chunk.includes("::")) return chunk;
  return chunk
    .split("\n")
    .flatMap((line) => {
      const m = /^::([a-z-]+)(?: [^:]*)?::(.*)$/.exec(line);
      if (!m) return [line];
      const [, command, data = ""] = m;
      const text = decode(data);
      switch (command) {
        case "debug":
          return debug ? [`debug: ${text}`] : [];
        case "notice":
        case "warning":
        case "error":
          return [`${command}: ${text}`];
        case "group":
          return [`▶ ${text}`];
        case "endgroup":
        case "add-mask":
        case "add-matcher":
        case "remove-matcher":
        case "stop-commands":
        case "echo":
          return [];
        default:
          return [line];
      }
    })
    .join("\n");
}

/** The escapes of a workflow command's data, undone. */
function decode(data: string): string {
  return data.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%25/g, "%");
}
