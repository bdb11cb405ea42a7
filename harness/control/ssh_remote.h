// The libssh implementation of Remote: one SSH session to one node, public-key auth, host keys
// checked against known_hosts (strict unless SshOptions::accept_new_host_keys), SFTP for files.
//
// Behaviour:
// - exec reads stdout and stderr together until the command exits or the timeout fires; on a
//   timeout it asks the server to KILL the command, closes the channel and returns
//   timed_out = true, exit_status = -1.
// - When the login user is not root, commands run under `sudo -n -- sh -c CMD`.
// - SFTP transfers run as the login user (no sudo): pick paths that user can write.
// - A session that died is reconnected (bounded by connect_retries) before a command is sent;
//   a command that was already sent is never re-sent (it may have had effects): RemoteError.
//
// Thread-safety: none. One SshRemote per thread (a libssh session must not be shared).
#pragma once

#include <memory>

#include "harness/control/remote.h"
#include "harness/control/ssh_options.h"

namespace faultline::harness {

// Connects and authenticates, retrying up to options.connect_retries times. Throws RemoteError
// when the node cannot be reached, authentication fails, or its host key is refused (the
// message says which).
std::unique_ptr<Remote> connect_ssh(const NodeSpec& node, const SshOptions& options);

}  // namespace faultline::harness
