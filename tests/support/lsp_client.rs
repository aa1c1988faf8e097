//! A language-server client over the stdin and stdout of `invlint server`: the protocol's
//! framing and messages, as an editor sends them. Shared by `tests/server.rs` and
//! `benches/server.rs` (each includes this file as a module).

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use serde_json::{Value, json};

/// How long the client waits for one message before the test fails (never a hang).
pub const PATIENCE: Duration = Duration::from_secs(20);

pub struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    /// Notifications that came while the client waited for something else.
    pub pending: Vec<Value>,
    next_id: i64,
}

impl Client {
    pub fn start(dir: &Path) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_invlint"))
            .arg("server")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the server starts");
        let stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (send, messages) = channel();
        std::thread::spawn(move || {
            while let Some(message) = read_message(&mut stdout) {
                if send.send(message).is_err() {
                    return;
                }
            }
        });
        Self {
            child,
            stdin,
            messages,
            pending: Vec::new(),
            next_id: 0,
        }
    }

    pub fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn next(&mut self) -> Value {
        self.messages
            .recv_timeout(PATIENCE)
            .expect("the server answers in time")
    }

    /// Sends a request and returns its result, answering the server's own requests and
    /// keeping its notifications for later.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let message = self.next();
            if message["id"] == id && message.get("method").is_none() {
                assert!(message.get("error").is_none(), "{method}: {message}");
                return message["result"].clone();
            }
            self.handle(message);
        }
    }

    fn handle(&mut self, message: Value) {
        if message.get("method").is_some() && message.get("id").is_some() {
            // A request of the server's (registering file watchers, a refresh): granted.
            let id = message["id"].clone();
            self.pending.push(message);
            self.send(json!({"jsonrpc": "2.0", "id": id, "result": null}));
        } else {
            self.pending.push(message);
        }
    }

    /// `shutdown`, then `exit`: the server must answer and end with status 0.
    pub fn shut_down(mut self) {
        assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        assert!(self.child.wait().unwrap().success());
    }

    /// The diagnostics published for a version of a document (those of older versions,
    /// which a server that coalesces changes may still send, are passed over).
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let wanted = |m: &Value| is_diagnostics_for(m, uri) && m["params"]["version"] == version;
        if let Some(index) = self.pending.iter().position(wanted) {
            let message = self.pending.remove(index);
            return message["params"]["diagnostics"].as_array().unwrap().clone();
        }
        loop {
            let message = self.next();
            if wanted(&message) {
                return message["params"]["diagnostics"].as_array().unwrap().clone();
            }
            self.handle(message);
        }
    }
}

fn is_diagnostics_for(message: &Value, uri: &str) -> bool {
    message["method"] == "textDocument/publishDiagnostics" && message["params"]["uri"] == uri
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = value.parse().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}
