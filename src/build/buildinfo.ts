/**
 * Reads the build information the Go linker embeds in every binary (Go version, main
 * module, dependencies with their go.sum hashes, build settings) without running the
 * binary or `go version -m`, and without reading more than the part that holds it.
 */

import { UserError } from "../kit/errors.js";
import { type BinaryFile, type FileRegion, type ObjectLayout, withObjectLayout } from "./binfmt.js";

export interface GoModule {
  path: string;
  version: string;
  sum?: string;
  replace?: GoModule;
}

export interface GoBuildInfo {
  goVersion: string;
  path: string;
  main: GoModule;
  deps: GoModule[];
  settings: Array<{ key: string; value: string }>;
}

const MAGIC = Buffer.from("\xff Go buildinf:", "latin1");
const HEADER_SIZE = 32;
/** The linker aligns the blob to 16 bytes of virtual address; a magic string anywhere else is just data. */
const ALIGN = 16n;
const FLAG_INLINE_STRINGS = 2;
const SCAN_CHUNK = 1 << 20;
/** How much of a file the last-resort scan reads when no section or segment holds the blob. */
const MAX_FILE_SCAN = 256 << 20;
const MAX_VERSION_LENGTH = 1024;
const MAX_MODINFO_LENGTH = 16 << 20;
/** cmd/go frames the module info with 16 bytes of fixed noise on each side. */
const SENTINEL_LENGTH = 16;

/**
 * Reads Go's build info from an executable. It looks where the Go linker puts the blob
 * (ELF .go.buildinfo, Mach-O __DATA,__go_buildinfo, else the first writable data section or
 * segment, which is where PE binaries carry it) and only then scans the file, bounded, in
 * 1 MiB chunks. Non-Go files and binaries from Go before 1.18 (pointer-based blob) are UserErrors.
 */
export async function readBuildInfo(path: string): Promise<GoBuildInfo> {
  return withObjectLayout(path, async (file, layout) => {
    const blob = await findBlob(file, layout);
    if (!blob) {
      throw new UserError(
        `${path}: no Go build information found: not a Go program (or one built by Go before 1.13, or with the blob stripped)`,
      );
    }
    return { goVersion: blob.version, ...parseModInfo(blob.modinfo, path) };
  });
}

interface Blob {
  version: string;
  modinfo: string;
}

async function findBlob(file: BinaryFile, layout: ObjectLayout | null): Promise<Blob | undefined> {
  for (const region of preferredRegions(layout)) {
    const blob = await scan(file, region);
    if (blob) return blob;
  }
  return scan(file, {
    name: "file",
    offset: 0,
    size: Math.min(file.size, MAX_FILE_SCAN),
    addr: 0n,
    writable: true,
    executable: false,
  });
}

/** The regions Go's own debug/buildinfo reads, best first. */
function preferredRegions(layout: ObjectLayout | null): FileRegion[] {
  if (!layout) return [];
  const isData = (r: FileRegion) => r.writable && !r.executable && r.size > 0;
  const named = layout.sections.find((s) => s.name === ".go.buildinfo" || s.name === "__DATA,__go_buildinfo");
  const data =
    layout.format === "pe"
      ? layout.sections.find(isData)
      : (layout.segments.find(isData) ?? layout.sections.find(isData));
  return [named, data].filter((r): r is FileRegion => r !== undefined && r.size >= HEADER_SIZE);
}

/** Streams through a region looking for an aligned magic string that starts a valid blob. */
async function scan(file: BinaryFile, region: FileRegion): Promise<Blob | undefined> {
  for (let pos = 0; pos < region.size; pos += SCAN_CHUNK) {
    const length = Math.min(SCAN_CHUNK, region.size - pos);
    // Overlap chunks so a magic string across a chunk boundary is still seen.
    const chunk = await file.readUpTo(
      region.offset + pos,
      Math.min(length + MAGIC.length - 1, region.size - pos),
    );
    for (let i = chunk.indexOf(MAGIC); i >= 0 && i < length; i = chunk.indexOf(MAGIC, i + 1)) {
      if ((region.addr + BigInt(pos + i)) % ALIGN !== 0n) continue;
      const blob = await readBlob(file, region.offset + pos + i);
      if (blob) return blob;
    }
  }
  return undefined;
}

/**
 * Decodes the blob at `offset`: 14-byte magic, pointer size, flags, padding to 32 bytes,
 * then (Go 1.18+) two uvarint-length-prefixed strings: the Go version and the module info.
 * Returns undefined when the bytes only look like a blob.
 */
async function readBlob(file: BinaryFile, offset: number): Promise<Blob | undefined> {
  const head = await file.readUpTo(offset, HEADER_SIZE + 2 * 10 + MAX_VERSION_LENGTH);
  if (head.length < HEADER_SIZE) return undefined;
  const ptrSize = head[14];
  const flags = head[15] as number;
  if (ptrSize !== 4 && ptrSize !== 8) return undefined;
  if ((flags & FLAG_INLINE_STRINGS) === 0) {
    throw new UserError(
      `${file.path}: built by a Go release before 1.18, whose build info this reader does not support; rebuild with a current Go`,
    );
  }
  const version = uvarint(head, HEADER_SIZE);
  if (!version || version.value === 0 || version.value > MAX_VERSION_LENGTH) return undefined;
  const versionEnd = version.next + version.value;
  if (versionEnd > head.length) return undefined;
  const modLength = uvarint(head, versionEnd);
  if (!modLength || modLength.value > MAX_MODINFO_LENGTH) return undefined;
  const versionText = head.toString("utf8", version.next, versionEnd);
  if (!/^[\x21-\x7e][\x20-\x7e]*$/.test(versionText)) return undefined;
  const modStart = offset + modLength.next;
  if (modStart + modLength.value > file.size) return undefined;
  const mod = await file.read(modStart, modLength.value, "module info");
  // Same framing test as the go command: without it the binary simply has no module info.
  const framed = mod.length >= 2 * SENTINEL_LENGTH + 1 && mod[mod.length - SENTINEL_LENGTH - 1] === 0x0a;
  return {
    version: versionText,
    modinfo: framed ? mod.toString("utf8", SENTINEL_LENGTH, mod.length - SENTINEL_LENGTH) : "",
  };
}

/** An unsigned LEB128 number (Go's binary.Uvarint); undefined if it runs past the buffer or 2^53. */
function uvarint(buf: Buffer, at: number): { value: number; next: number } | undefined {
  let value = 0;
  let scale = 1;
  for (let i = at; i < buf.length && i < at + 8; i++) {
    const b = buf[i] as number;
    value += (b & 0x7f) * scale;
    if (b < 0x80) return { value, next: i + 1 };
    scale *= 128;
  }
  return undefined;
}

// ---------------------------------------------------------------- module info text

/** Parses the tab-separated module info lines written by cmd/go (path, mod, dep, =>, build). */
function parseModInfo(text: string, path: string): Omit<GoBuildInfo, "goVersion"> {
  const info: Omit<GoBuildInfo, "goVersion"> = {
    path: "",
    main: { path: "", version: "" },
    deps: [],
    settings: [],
  };
  const bad = (n: number, why: string) =>
    new UserError(`${path}: malformed Go build info, line ${n + 1}: ${why}`);
  let last: GoModule | undefined;
  text.split("\n").forEach((line, n) => {
    const tab = line.indexOf("\t");
    const word = tab < 0 ? line : line.slice(0, tab);
    const rest = line.slice(tab + 1);
    switch (tab < 0 ? "" : word) {
      case "path":
        info.path = rest;
        break;
      case "mod":
        info.main = moduleLine(rest, () => bad(n, "a mod line needs a path and a version"));
        last = info.main;
        break;
      case "dep": {
        const dep = moduleLine(rest, () => bad(n, "a dep line needs a path and a version"));
        info.deps.push(dep);
        last = dep;
        break;
      }
      case "=>": {
        const [p, v, sum, ...extra] = rest.split("\t");
        if (p === undefined || v === undefined || sum === undefined || extra.length > 0) {
          throw bad(n, "a replacement needs a path, a version and a sum");
        }
        if (!last) throw bad(n, "a replacement follows no module");
        last.replace = { path: p, version: v, ...(sum ? { sum } : {}) };
        last = undefined;
        break;
      }
      case "build":
        info.settings.push(settingLine(rest, (why) => bad(n, why)));
        break;
      default:
        // Other lines (an old "go" line, blank lines) carry nothing the header has not given.
        break;
    }
  });
  return info;
}

function moduleLine(rest: string, bad: () => UserError): GoModule {
  const fields = rest.split("\t");
  if (fields.length !== 2 && fields.length !== 3) throw bad();
  const [path, version, sum] = fields as [string, string, string | undefined];
  return { path, version, ...(sum ? { sum } : {}) };
}

/** `key=value`, either side possibly quoted the way strconv.Quote does (or with backquotes). */
function settingLine(kv: string, bad: (why: string) => UserError): { key: string; value: string } {
  let key: string;
  let raw: string;
  if (kv.startsWith('"') || kv.startsWith("`")) {
    const end = quotedEnd(kv);
    if (end < 0) throw bad("unterminated quoted key");
    key = unquote(kv.slice(0, end), bad);
    if (kv[end] !== "=") throw bad("missing = after the quoted key");
    raw = kv.slice(end + 1);
  } else {
    const eq = kv.indexOf("=");
    if (eq <= 0) throw bad("a build line needs key=value");
    key = kv.slice(0, eq);
    raw = kv.slice(eq + 1);
  }
  const value = raw.startsWith('"') || raw.startsWith("`") ? unquote(raw, bad) : raw;
  return { key, value };
}

/** Index just past the closing quote of the quoted string that starts `s`, or -1. */
function quotedEnd(s: string): number {
  const q = s[0];
  for (let i = 1; i < s.length; i++) {
    if (q === '"' && s[i] === "\\") i++;
    else if (s[i] === q) return i + 1;
  }
  return -1;
}

const SIMPLE_ESCAPES: Readonly<Record<string, number>> = {
  a: 7,
  b: 8,
  f: 12,
  n: 10,
  r: 13,
  t: 9,
  v: 11,
  "\\": 92,
  '"': 34,
};

/** The inverse of Go's strconv.Quote for the forms cmd/go writes (\x, octal, \u and \U escapes become bytes). */
function unquote(s: string, bad: (why: string) => UserError): string {
  if (s.length < 2 || s[s.length - 1] !== s[0]) throw bad(`badly quoted string ${s}`);
  const body = s.slice(1, -1);
  if (s[0] === "`") return body.replaceAll("\r", "");
  const bytes: number[] = [];
  const pushText = (t: string) => bytes.push(...Buffer.from(t, "utf8"));
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c !== "\\") {
      const cp = body.codePointAt(i) as number;
      pushText(String.fromCodePoint(cp));
      if (cp > 0xffff) i++;
      continue;
    }
    const e = body[++i];
    if (e === undefined) throw bad(`string ends in a backslash: ${s}`);
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      bytes.push(simple);
    } else if (e === "x" || e === "u" || e === "U") {
      const n = e === "x" ? 2 : e === "u" ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + n);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== n) throw bad(`bad \\${e} escape in ${s}`);
      const v = Number.parseInt(hex, 16);
      if (e === "x") bytes.push(v);
      else if (v > 0x10ffff || (v >= 0xd800 && v < 0xe000)) throw bad(`bad code point in ${s}`);
      else pushText(String.fromCodePoint(v));
      i += n;
    } else if (e >= "0" && e <= "7") {
      const oct = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(oct) || Number.parseInt(oct, 8) > 255) throw bad(`bad octal escape in ${s}`);
      bytes.push(Number.parseInt(oct, 8));
      i += 2;
    } else {
      throw bad(`unknown escape \\${e} in ${s}`);
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

// ---------------------------------------------------------------- rendering

/**
 * Renders the build info as `go version -m FILE` prints it, minus the leading "FILE: ":
 * the Go version on the first line, then each module-info line indented by a tab. So
 * `${file}: ${formatBuildInfo(info)}` equals that command's output byte for byte.
 */
export function formatBuildInfo(info: GoBuildInfo): string {
  let body = "";
  if (info.path !== "") body += `path\t${info.path}\n`;
  const formatModule = (word: string, m: GoModule): void => {
    body += `${word}\t${m.path}\t${m.version}`;
    if (m.replace) {
      body += "\n";
      formatModule("=>", m.replace);
    } else {
      body += `\t${m.sum ?? ""}`;
    }
    // After a replacement this leaves an empty line, exactly as the go command does.
    body += "\n";
  };
  const main = info.main;
  if (main.path !== "" || main.version !== "" || main.sum || main.replace) formatModule("mod", main);
  for (const dep of info.deps) formatModule("dep", dep);
  for (const { key, value } of info.settings) {
    const k = key === "" || /[= \t\r\n"`]/.test(key) ? goQuote(key) : key;
    const v = /[ \t\r\n"`]/.test(value) ? goQuote(value) : value;
    body += `build\t${k}=${v}\n`;
  }
  const indented = body === "" ? "" : `\t${body.slice(0, -1).replaceAll("\n", "\n\t")}\n`;
  return `${info.goVersion}\n${indented}`;
}

/** The value of one build setting (e.g. "GOOS", "-trimpath", "vcs.revision"), if present. */
export function buildSetting(info: GoBuildInfo, key: string): string | undefined {
  return info.settings.find((s) => s.key === key)?.value;
}

const GO_PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;
const CONTROL_ESCAPES: Readonly<Record<number, string>> = {
  7: "\\a",
  8: "\\b",
  12: "\\f",
  10: "\\n",
  13: "\\r",
  9: "\\t",
  11: "\\v",
};

/** Go's strconv.Quote: printable runes stay, the rest become \a-style, \x, \u or \U escapes. */
function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    if (ch === '"' || ch === "\\") out += `\\${ch}`;
    else if (GO_PRINTABLE.test(ch)) out += ch;
    else if (CONTROL_ESCAPES[cp]) out += CONTROL_ESCAPES[cp];
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, "0")}`;
    else if (cp < 0x10000) out += `\\u${cp.toString(16).padStart(4, "0")}`;
    else out += `\\U${cp.toString(16).padStart(8, "0")}`;
  }
  return `${out}"`;
}
