// The VS Code client of `ikilint server`: starts it over stdio for YAML files, passes the `ikilint.*` settings,
// and offers the report of the workspace when the installed ikilint has `ikilint report`.

import { execFile } from "child_process";
import * as os from "os";
import * as path from "path";
import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions } from "vscode-languageclient/node";
import {
  Settings,
  hasReportCommand,
  notFoundMessage,
  reportArguments,
  resolveExecutable,
  serverOptions,
} from "./settings";

let client: LanguageClient | undefined;
/** The extension's own folder: a platform-specific package carries ikilint in its `server/`. */
let extensionPath = "";

function settings(): Settings {
  const config = vscode.workspace.getConfiguration("ikilint");
  return {
    path: config.get<string>("path", ""),
    lang: config.get<string>("lang", ""),
    select: config.get<string[] | null>("select", null),
    ignore: config.get<string[]>("ignore", []),
  };
}

function executable(): string | undefined {
  const current = settings();
  const found = resolveExecutable(current.path, extensionPath, process.env, process.platform);
  if (!found) {
    void vscode.window.showErrorMessage(notFoundMessage(current.path, current.lang || vscode.env.language));
  }
  return found;
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const command = executable();
  if (!command) {
    return;
  }
  const server: ServerOptions = { command, args: ["server"] };
  const options: LanguageClientOptions = {
    documentSelector: [{ scheme: "file", language: "yaml" }],
    initializationOptions: serverOptions(settings()),
  };
  client = new LanguageClient("ikilint", "ikilint", server, options);
  await client.start();
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("ikilint") && client) {
        void client.sendNotification("workspace/didChangeConfiguration", {
          settings: { ikilint: serverOptions(settings()) },
        });
      }
    }),
  );
}

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      // `ikilint report` exits 1 when the documents have findings: the report is written all the same.
      if (error && typeof error.code !== "number") {
        reject(new Error(stderr || error.message));
      } else {
        resolve(stdout + stderr);
      }
    });
  });
}

async function report(): Promise<void> {
  const command = executable();
  if (!command) {
    return;
  }
  const help = await run(command, ["--help"]);
  if (!hasReportCommand(help)) {
    void vscode.window.showWarningMessage("ikilint: this version of ikilint has no `report` command; update it.");
    return;
  }
  const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
  const output = path.join(os.tmpdir(), `ikilint-report-${Date.now()}.html`);
  await run(command, reportArguments(folders, output));
  await vscode.env.openExternal(vscode.Uri.file(output));
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  extensionPath = context.extensionPath;
  context.subscriptions.push(
    vscode.commands.registerCommand("ikilint.report", () =>
      report().catch((e) => vscode.window.showErrorMessage(`ikilint report: ${e.message}`)),
    ),
    vscode.commands.registerCommand("ikilint.restart", async () => {
      await client?.stop();
      await start(context);
    }),
  );
  await start(context);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
