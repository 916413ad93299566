//! `ikilint server`: a Language Server over stdio. Synchronous (lsp-server's threads and channels, no async
//! runtime): every change re-lints the whole set, which is fast, and publishes only what changed.
//!
//! - [`state`]: the files (disk text overridden by open buffers), the last lint, what was published;
//! - [`convert`]: spans ↔ UTF-16 ranges, paths ↔ URIs, findings → LSP diagnostics;
//! - [`actions`]: quick fixes and "allow CODE on this line";
//! - [`hover`]: hover on an NIP or a reference, and go-to-definition of references ([`references`]).

// `lsp_types::Uri` hashes and compares by its text; clippy sees a cache cell inside it and flags every map keyed
// by it (as in rust-analyzer, which allows the lint the same way).
#![allow(clippy::mutable_key_type)]

pub mod actions;
pub mod convert;
pub mod hover;
pub mod references;
pub mod state;

use crate::i18n::Lang;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types as lsp;
use serde_json::{Value, json};
use state::State;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;

/// Run the server on stdin/stdout until `shutdown` + `exit`. An error (the client went away, or sent `exit`
/// without `shutdown`) means exit code 1, as the protocol asks.
pub fn run_stdio() -> Result<(), String> {
    let (connection, io_threads) = Connection::stdio();
    let outcome = serve(&connection);
    drop(connection);
    let _ = io_threads.join();
    outcome
}

fn capabilities() -> lsp::ServerCapabilities {
    lsp::ServerCapabilities {
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(lsp::TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(lsp::TextDocumentSyncKind::FULL),
            save: Some(lsp::TextDocumentSyncSaveOptions::Supported(true)),
            ..Default::default()
        })),
        code_action_provider: Some(lsp::CodeActionProviderCapability::Options(lsp::CodeActionOptions {
            code_action_kinds: Some(vec![lsp::CodeActionKind::QUICKFIX]),
            ..Default::default()
        })),
        hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
        definition_provider: Some(lsp::OneOf::Left(true)),
        ..Default::default()
    }
}

/// The workspace folders of `initialize` (else `rootUri`, else `rootPath`).
#[allow(deprecated)]
fn roots(params: &lsp::InitializeParams) -> Vec<PathBuf> {
    if let Some(folders) = &params.workspace_folders {
        return folders.iter().filter_map(|f| convert::uri_to_path(&f.uri)).collect();
    }
    if let Some(path) = params.root_uri.as_ref().and_then(convert::uri_to_path) {
        return vec![path];
    }
    params.root_path.iter().map(PathBuf::from).collect()
}

/// `initializationOptions.lang` (`id`/`en`): the client's choice, as `--lang` on the command line (without it,
/// `IKILINT_LANG`, the configuration's `lang`, the locale decide).
fn lang(params: &lsp::InitializeParams) -> Option<Lang> {
    params
        .initialization_options
        .as_ref()
        .and_then(|o| o.get("lang"))
        .and_then(Value::as_str)
        .and_then(Lang::parse)
}

/// Serve one client on `connection`.
pub fn serve(connection: &Connection) -> Result<(), String> {
    let (id, params) = connection.initialize_start().map_err(|e| e.to_string())?;
    let params: lsp::InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let mut state = State::new(roots(&params), lang(&params));
    let result = json!({
        "capabilities": capabilities(),
        "serverInfo": { "name": "ikilint", "version": env!("CARGO_PKG_VERSION") },
    });
    connection.initialize_finish(id, result).map_err(|e| e.to_string())?;
    let watch = params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|w| w.dynamic_registration)
        .unwrap_or(false);
    if watch {
        register_watchers(connection);
    }
    show_config_error(connection, &mut state);
    publish(connection, &mut state, None);

    for message in &connection.receiver {
        match message {
            Message::Request(request) => {
                if connection.handle_shutdown(&request).map_err(|e| e.to_string())? {
                    return Ok(());
                }
                let id = request.id.clone();
                let response = catch_unwind(AssertUnwindSafe(|| handle_request(&state, request)))
                    .unwrap_or_else(|_| Err((ErrorCode::InternalError, "internal error".into())));
                let response = match response {
                    Ok(value) => Response::new_ok(id, value),
                    Err((code, message)) => Response::new_err(id, code as i32, message),
                };
                send(connection, response.into());
            }
            Message::Notification(notification) => {
                if notification.method == "exit" {
                    return Err("exit without shutdown".into());
                }
                let outcome = catch_unwind(AssertUnwindSafe(|| {
                    handle_notification(connection, &mut state, notification)
                }));
                if outcome.is_err() {
                    log(connection, "ikilint: internal error while handling a notification");
                }
            }
            Message::Response(_) => {}
        }
    }
    Ok(())
}

fn send(connection: &Connection, message: Message) {
    let _ = connection.sender.send(message);
}

fn log(connection: &Connection, message: &str) {
    let params = lsp::LogMessageParams {
        typ: lsp::MessageType::ERROR,
        message: message.to_string(),
    };
    send(connection, Notification::new("window/logMessage".into(), params).into());
}

/// A configuration that could not be read: tell the user (the previous settings stay in force).
fn show_config_error(connection: &Connection, state: &mut State) {
    if let Some(message) = state.config_error.take() {
        let params = lsp::ShowMessageParams {
            typ: lsp::MessageType::ERROR,
            message,
        };
        send(
            connection,
            Notification::new("window/showMessage".into(), params).into(),
        );
    }
}

fn register_watchers(connection: &Connection) {
    let watchers = ["**/*.{yaml,yml}", "**/ikilint.toml"]
        .map(|glob| lsp::FileSystemWatcher {
            glob_pattern: lsp::GlobPattern::String(glob.to_string()),
            kind: None,
        })
        .to_vec();
    let options = lsp::DidChangeWatchedFilesRegistrationOptions { watchers };
    let params = lsp::RegistrationParams {
        registrations: vec![lsp::Registration {
            id: "ikilint-watched-files".into(),
            method: "workspace/didChangeWatchedFiles".into(),
            register_options: serde_json::to_value(options).ok(),
        }],
    };
    let request = Request::new(
        RequestId::from("ikilint-register".to_string()),
        "client/registerCapability".into(),
        params,
    );
    send(connection, request.into());
}

fn publish(connection: &Connection, state: &mut State, changed: Option<&lsp::Uri>) {
    for params in state.publications(changed) {
        send(
            connection,
            Notification::new("textDocument/publishDiagnostics".into(), params).into(),
        );
    }
}

type Reply = Result<Value, (ErrorCode, String)>;

fn parse<P: serde::de::DeserializeOwned>(params: Value) -> Result<P, (ErrorCode, String)> {
    serde_json::from_value(params).map_err(|e| (ErrorCode::InvalidParams, e.to_string()))
}

fn to_value(value: impl serde::Serialize) -> Reply {
    serde_json::to_value(value).map_err(|e| (ErrorCode::InternalError, e.to_string()))
}

fn handle_request(state: &State, request: Request) -> Reply {
    let (analysis, lang) = (&state.analysis, state.lang);
    match request.method.as_str() {
        "textDocument/codeAction" => to_value(actions::code_actions(analysis, lang, &parse(request.params)?)),
        "textDocument/hover" => to_value(hover::hover(analysis, lang, &parse(request.params)?)),
        "textDocument/definition" => to_value(hover::definition(analysis, &parse(request.params)?)),
        method => Err((ErrorCode::MethodNotFound, format!("unknown method {method}"))),
    }
}

/// Apply the content changes of `didChange` (whole text, or ranges if a client sends them anyway).
fn changed_text(state: &State, params: &lsp::DidChangeTextDocumentParams) -> String {
    let mut text = state.buffer(&params.text_document.uri).unwrap_or("").to_string();
    for change in &params.content_changes {
        match change.range {
            None => text = change.text.clone(),
            Some(range) => {
                let file = crate::source::SourceFile::new("", std::mem::take(&mut text));
                let span = convert::span(&file, range);
                text = file.text;
                text.replace_range(span.range(), &change.text);
            }
        }
    }
    text
}

fn handle_notification(connection: &Connection, state: &mut State, notification: Notification) {
    let params = notification.params;
    let changed = match notification.method.as_str() {
        "textDocument/didOpen" => parse::<lsp::DidOpenTextDocumentParams>(params).ok().map(|p| {
            state.open(p.text_document.uri.clone(), p.text_document.text);
            Some(p.text_document.uri)
        }),
        "textDocument/didChange" => parse::<lsp::DidChangeTextDocumentParams>(params).ok().map(|p| {
            let text = changed_text(state, &p);
            state.change(p.text_document.uri.clone(), text);
            Some(p.text_document.uri)
        }),
        "textDocument/didSave" => parse::<lsp::DidSaveTextDocumentParams>(params).ok().map(|p| {
            if let Some(text) = p.text {
                state.change(p.text_document.uri.clone(), text);
            }
            Some(p.text_document.uri)
        }),
        "textDocument/didClose" => parse::<lsp::DidCloseTextDocumentParams>(params).ok().map(|p| {
            state.close(&p.text_document.uri);
            None
        }),
        "workspace/didChangeWatchedFiles" => parse::<lsp::DidChangeWatchedFilesParams>(params).ok().map(|p| {
            watched_files(state, &p);
            show_config_error(connection, state);
            None
        }),
        _ => None,
    };
    let Some(changed) = changed else {
        return;
    };
    state.relint();
    publish(connection, state, changed.as_ref());
}

fn watched_files(state: &mut State, params: &lsp::DidChangeWatchedFilesParams) {
    let (mut rediscover, mut reload) = (false, false);
    for change in &params.changes {
        let Some(path) = convert::uri_to_path(&change.uri) else {
            continue;
        };
        if state.is_configuration(&path) {
            reload = true;
        } else if change.typ == lsp::FileChangeType::CHANGED {
            state.disk_changed(&path);
        } else {
            rediscover = true;
        }
    }
    if reload {
        state.reload_settings();
    }
    if rediscover {
        state.rediscover();
    }
}
