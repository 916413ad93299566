// What the extension decides without VS Code: which executable to start, the options it sends the server, and
// whether this ikilint has the `report` command. Kept free of the `vscode` module so node's test runner tests it.

import * as fs from "fs";
import * as path from "path";

/** The extension's settings (`ikilint.*`). */
export interface Settings {
  path: string;
  lang: string;
  select: string[] | null;
  ignore: string[];
}

/**
 * The executable to start: the `ikilint.path` setting (a leading `~` is the home folder), else `ikilint` found
 * on `PATH` (with the Windows extensions), else `undefined`.
 */
export function resolveExecutable(
  setting: string,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
  exists: (file: string) => boolean = isFile,
): string | undefined {
  const home = env.HOME ?? env.USERPROFILE ?? "";
  if (setting.trim() !== "") {
    const file = setting.trim().replace(/^~(?=$|[\\/])/, home);
    return exists(file) ? file : undefined;
  }
  const names = platform === "win32" ? ["ikilint.exe", "ikilint.cmd", "ikilint"] : ["ikilint"];
  const separator = platform === "win32" ? ";" : ":";
  for (const dir of (env.PATH ?? env.Path ?? "").split(separator)) {
    for (const name of names) {
      const file = path.join(dir, name);
      if (dir !== "" && exists(file)) {
        return file;
      }
    }
  }
  return undefined;
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The server's settings (`initializationOptions` and `workspace/didChangeConfiguration`): only what is set. */
export function serverOptions(settings: Settings): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  if (settings.lang === "id" || settings.lang === "en") {
    options.lang = settings.lang;
  }
  if (Array.isArray(settings.select)) {
    options.select = settings.select;
  }
  if (settings.ignore.length > 0) {
    options.ignore = settings.ignore;
  }
  return options;
}

/** Whether `ikilint --help` lists a `report` command (older versions have none). */
export function hasReportCommand(help: string): boolean {
  return /^\s+report\s/m.test(help);
}

/** The arguments of `ikilint report` for the workspace folders, writing `output`. */
export function reportArguments(folders: string[], output: string): string[] {
  return ["report", ...folders, "-o", output];
}
