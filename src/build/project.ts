import { relative, sep } from "node:path";
import { SAFE_NAME } from "../contract/names.js";

/** The name a Go import or module path gives, as `go build` names binaries: its last element, a major version suffix skipped (…/app/v2 → app). */
export function pathName(path: string): string {
  const elems = path.split("/");
  return (
    elems.length > 1 && /^v[0-9]+$/.test(elems.at(-1) as string) ? elems.at(-2) : elems.at(-1)
  ) as string;
}

/**
 * The project name archives and the manifest carry by default: the name a team knows the service
 * by, not its main package's directory (`cmd/server`). That is the module's name
 * (github.com/acme/shop → shop); for a module in a subdirectory of its repository whose path
 * follows Go's convention, repository path + subdirectory (github.com/acme/shop/server in
 * server/), the repository's (shop). Read from go.mod and the work tree alone, so the same
 * source gives the same name on a runner and on a laptop. The binary's name where neither is
 * a plain name.
 */
export function projectName(o: {
  modulePath: string;
  /** The module's directory, and the repository's top directory when the source is a git work tree. */
  moduleDir: string;
  repoRoot?: string | undefined;
  binaryName: string;
}): string {
  let path = o.modulePath.replace(/\/v[0-9]+$/, "");
  const sub = o.repoRoot ? relative(o.repoRoot, o.moduleDir).split(sep).join("/") : "";
  if (sub && !sub.startsWith("..") && path.endsWith(`/${sub}`)) path = path.slice(0, -sub.length - 1);
  const name = path ? pathName(path) : "";
  return SAFE_NAME.test(name) ? name : o.binaryName;
}
