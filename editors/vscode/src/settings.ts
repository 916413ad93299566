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

/** Where a platform-specific package of the extension carries ikilint: `server/ikilint` (`ikilint.exe` on Windows). */
export function bundledExecutable(extensionPath: string, platform: NodeJS.Platform): string {
  const paths = platform === "win32" ? path.win32 : path.posix;
  return paths.join(extensionPath, "server", platform === "win32" ? "ikilint.exe" : "ikilint");
}

/**
 * The executable to start: the `ikilint.path` setting (a leading `~` is the home folder; when it names no file,
 * `undefined`: a setting is never silently replaced), else the binary bundled in the extension's folder
 * `extensionPath`, else `ikilint` found on `PATH` (with the Windows extensions), else `undefined`.
 */
export function resolveExecutable(
  setting: string,
  extensionPath: string,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
  exists: (file: string) => boolean = isFile,
): string | undefined {
  const paths = platform === "win32" ? path.win32 : path.posix;
  const home = env.HOME ?? env.USERPROFILE ?? "";
  if (setting.trim() !== "") {
    const file = setting.trim().replace(/^~(?=$|[\\/])/, home);
    return exists(file) ? file : undefined;
  }
  const bundled = bundledExecutable(extensionPath, platform);
  if (exists(bundled)) {
    return bundled;
  }
  const names = platform === "win32" ? ["ikilint.exe", "ikilint.cmd", "ikilint"] : ["ikilint"];
  const separator = platform === "win32" ? ";" : ":";
  for (const dir of (env.PATH ?? env.Path ?? "").split(separator)) {
    for (const name of names) {
      const file = paths.join(dir, name);
      if (dir !== "" && exists(file)) {
        return file;
      }
    }
  }
  return undefined;
}

/**
 * What the user is told when `resolveExecutable` found nothing, in Indonesian when `lang` (the `ikilint.lang`
 * setting, else VS Code's display language) is Indonesian: the setting that names no file, or where to get the
 * extension package that carries ikilint inside (no Rust toolchain, no separate install).
 */
export function notFoundMessage(setting: string, lang: string): string {
  const id = lang.toLowerCase().startsWith("id");
  if (setting.trim() !== "") {
    return id
      ? `ikilint: pengaturan \`ikilint.path\` menunjuk \`${setting.trim()}\`, yang bukan berkas. Perbaiki, atau kosongkan agar ikilint bawaan ekstensi (atau yang ada di PATH) dipakai.`
      : `ikilint: the \`ikilint.path\` setting names \`${setting.trim()}\`, which is not a file. Correct it, or empty it to use the ikilint the extension carries (or the one on PATH).`;
  }
  return id
    ? "ikilint: ekstensi ini tidak membawa program ikilint, dan ikilint tidak ada di PATH. Pasang paket untuk " +
        "komputer Anda dari halaman Releases ikilint (di Windows: ikilint-vscode-…-win32-x64.vsix; Extensions → … → " +
        "Install from VSIX…): ikilint sudah ada di dalamnya. Atau isi `ikilint.path` dengan ikilint.exe yang sudah diunduh."
    : "ikilint: this copy of the extension carries no ikilint program, and none is on PATH. Install the package " +
        "for your computer from the ikilint release page (on Windows: ikilint-vscode-…-win32-x64.vsix; Extensions → " +
        "… → Install from VSIX…): it carries ikilint inside. Or set `ikilint.path` to an ikilint.exe you downloaded.";
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
