#include "harness/control/ssh_remote.h"

#include <libssh/libssh.h>
#include <libssh/sftp.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>
#include <vector>

namespace faultline::harness {
namespace {

using Clock = std::chrono::steady_clock;

std::string session_error(ssh_session s) { return ssh_get_error(s); }

// Owns one authenticated session; SshRemote replaces it on reconnect.
struct Session {
  ssh_session s = nullptr;
  Session() = default;
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  ~Session() {
    if (s != nullptr) {
      ssh_disconnect(s);
      ssh_free(s);
    }
  }
};

void verify_host_key(ssh_session s, const NodeSpec& node, const SshOptions& o) {
  switch (ssh_session_is_known_server(s)) {
    case SSH_KNOWN_HOSTS_OK:
      return;
    case SSH_KNOWN_HOSTS_CHANGED:
      throw RemoteError(node.name + ": host key of " + node.address +
                        " does not match known_hosts; refusing (possible man in the middle)");
    case SSH_KNOWN_HOSTS_OTHER:
      throw RemoteError(node.name + ": known_hosts lists a key of another type for " +
                        node.address + "; refusing");
    case SSH_KNOWN_HOSTS_NOT_FOUND:
    case SSH_KNOWN_HOSTS_UNKNOWN:
      if (!o.accept_new_host_keys) {
        throw RemoteError(node.name + ": host " + node.address +
                          " is not in known_hosts (" +
                          (o.known_hosts.empty() ? "~/.ssh/known_hosts" : o.known_hosts) +
                          "); add it or set accept_new_host_keys");
      }
      if (ssh_session_update_known_hosts(s) != SSH_OK) {
        throw RemoteError(node.name + ": cannot record host key: " + session_error(s));
      }
      return;
    case SSH_KNOWN_HOSTS_ERROR:
    default:
      throw RemoteError(node.name + ": host key check failed: " + session_error(s));
  }
}

void authenticate(ssh_session s, const NodeSpec& node, const SshOptions& o) {
  int rc;
  if (o.private_key.empty()) {
    rc = ssh_userauth_publickey_auto(s, nullptr, nullptr);
  } else {
    ssh_key key = nullptr;
    if (ssh_pki_import_privkey_file(o.private_key.c_str(), nullptr, nullptr, nullptr, &key) !=
        SSH_OK) {
      throw RemoteError(node.name + ": cannot read private key " + o.private_key);
    }
    rc = ssh_userauth_publickey(s, nullptr, key);
    ssh_key_free(key);
  }
  if (rc != SSH_AUTH_SUCCESS) {
    throw RemoteError(node.name + ": public key authentication as " + o.username +
                      " failed: " + session_error(s));
  }
}

// Errors that retrying cannot fix are thrown as FatalConnectError.
struct FatalConnectError : RemoteError {
  using RemoteError::RemoteError;
};

std::unique_ptr<Session> open_session(const NodeSpec& node, const SshOptions& o) {
  auto session = std::make_unique<Session>();
  session->s = ssh_new();
  if (session->s == nullptr) throw RemoteError("ssh_new failed");
  ssh_session s = session->s;
  long timeout_us = static_cast<long>(o.connect_timeout.count()) * 1000;
  unsigned int port = static_cast<unsigned int>(o.port);
  int log_level = SSH_LOG_NOLOG;
  ssh_options_set(s, SSH_OPTIONS_HOST, node.address.c_str());
  ssh_options_set(s, SSH_OPTIONS_PORT, &port);
  ssh_options_set(s, SSH_OPTIONS_USER, o.username.c_str());
  ssh_options_set(s, SSH_OPTIONS_TIMEOUT_USEC, &timeout_us);
  ssh_options_set(s, SSH_OPTIONS_LOG_VERBOSITY, &log_level);
  // Read no ~/.ssh/config: the options given are the whole truth.
  int no = 0;
  ssh_options_set(s, SSH_OPTIONS_PROCESS_CONFIG, &no);
  if (!o.known_hosts.empty()) {
    ssh_options_set(s, SSH_OPTIONS_KNOWNHOSTS, o.known_hosts.c_str());
    ssh_options_set(s, SSH_OPTIONS_GLOBAL_KNOWNHOSTS, "/dev/null");
  }
  if (ssh_connect(s) != SSH_OK) {
    throw RemoteError(node.name + ": cannot connect to " + node.address + ":" +
                      std::to_string(o.port) + ": " + session_error(s));
  }
  try {
    verify_host_key(s, node, o);
    authenticate(s, node, o);
  } catch (const RemoteError& e) {
    throw FatalConnectError(e.what());
  }
  return session;
}

std::unique_ptr<Session> connect_with_retries(const NodeSpec& node, const SshOptions& o) {
  int attempts = std::max(1, o.connect_retries);
  auto backoff = std::chrono::milliseconds(200);
  for (int attempt = 1;; ++attempt) {
    try {
      return open_session(node, o);
    } catch (const FatalConnectError& e) {
      throw RemoteError(e.what());
    } catch (const RemoteError&) {
      if (attempt >= attempts) throw;
    }
    std::this_thread::sleep_for(backoff);
    backoff *= 2;
  }
}

// Owning handles: move-only, freed exactly once.
struct ChannelFree {
  void operator()(ssh_channel c) const {
    ssh_channel_close(c);
    ssh_channel_free(c);
  }
};
struct SftpFree {
  void operator()(sftp_session s) const { sftp_free(s); }
};
struct SftpFileClose {
  void operator()(sftp_file f) const { sftp_close(f); }
};
using Channel = std::unique_ptr<ssh_channel_struct, ChannelFree>;
using Sftp = std::unique_ptr<sftp_session_struct, SftpFree>;
using SftpFile = std::unique_ptr<sftp_file_struct, SftpFileClose>;

struct Fd {
  int fd = -1;
  explicit Fd(int f) : fd(f) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

class SshRemote : public Remote {
 public:
  SshRemote(NodeSpec node, SshOptions options)
      : node_(std::move(node)), options_(std::move(options)) {
    session_ = connect_with_retries(node_, options_);
  }

  const std::string& node() const override { return node_.name; }

  ExecResult exec(const std::string& command, std::chrono::milliseconds timeout) override {
    Channel ch = open_channel();
    std::string wrapped = command;
    if (options_.username != "root") wrapped = "sudo -n -- sh -c " + shell_quote(command);
    if (ssh_channel_request_exec(ch.get(), wrapped.c_str()) != SSH_OK) {
      throw RemoteError(node_.name + ": exec request failed: " + session_error(session_->s));
    }
    return read_until_exit(ch, timeout);
  }

  void upload(const std::string& local_path, const std::string& remote_path) override {
    Fd in{::open(local_path.c_str(), O_RDONLY | O_CLOEXEC)};
    if (in.fd < 0) throw RemoteError("upload: cannot open " + local_path);
    struct stat st {};
    ::fstat(in.fd, &st);
    Sftp sftp = open_sftp();
    SftpFile out{sftp_open(sftp.get(), remote_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                           st.st_mode & 07777)};
    if (!out) throw sftp_failure(sftp, "upload: cannot create " + remote_path);
    std::vector<char> buf(64 * 1024);
    for (;;) {
      ssize_t n = ::read(in.fd, buf.data(), buf.size());
      if (n < 0) throw RemoteError("upload: read error on " + local_path);
      if (n == 0) break;
      for (ssize_t done = 0; done < n;) {
        ssize_t w = sftp_write(out.get(), buf.data() + done, static_cast<size_t>(n - done));
        if (w < 0) throw sftp_failure(sftp, "upload: write error on " + remote_path);
        done += w;
      }
    }
  }

  void download(const std::string& remote_path, const std::string& local_path) override {
    Sftp sftp = open_sftp();
    SftpFile in{sftp_open(sftp.get(), remote_path.c_str(), O_RDONLY, 0)};
    if (!in) throw sftp_failure(sftp, "download: cannot open " + remote_path);
    Fd out{::open(local_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)};
    if (out.fd < 0) throw RemoteError("download: cannot create " + local_path);
    std::vector<char> buf(64 * 1024);
    for (;;) {
      ssize_t n = sftp_read(in.get(), buf.data(), buf.size());
      if (n < 0) throw sftp_failure(sftp, "download: read error on " + remote_path);
      if (n == 0) break;
      for (ssize_t done = 0; done < n;) {
        ssize_t w = ::write(out.fd, buf.data() + done, static_cast<size_t>(n - done));
        if (w < 0) throw RemoteError("download: write error on " + local_path);
        done += w;
      }
    }
  }

 private:
  // A channel that cannot be opened means no command was sent: reconnecting is safe.
  Channel open_channel() {
    for (int attempt = 0;; ++attempt) {
      Channel ch{ssh_channel_new(session_->s)};
      if (ch && ssh_channel_open_session(ch.get()) == SSH_OK) return ch;
      if (attempt >= 1) {
        throw RemoteError(node_.name + ": cannot open a channel: " + session_error(session_->s));
      }
      session_.reset();
      session_ = connect_with_retries(node_, options_);
    }
  }

  Sftp open_sftp() {
    for (int attempt = 0;; ++attempt) {
      Sftp sftp{sftp_new(session_->s)};
      if (sftp && sftp_init(sftp.get()) == SSH_OK) return sftp;
      if (attempt >= 1) {
        throw RemoteError(node_.name + ": cannot start SFTP: " + session_error(session_->s));
      }
      sftp.reset();  // before the session it belongs to
      session_.reset();
      session_ = connect_with_retries(node_, options_);
    }
  }

  RemoteError sftp_failure(const Sftp& sftp, const std::string& what) {
    return RemoteError(node_.name + ": " + what + " (sftp error " +
                       std::to_string(sftp_get_error(sftp.get())) + ")");
  }

  // Drains stdout and stderr alternately: a command that fills one pipe while we block on the
  // other would stall forever. Reads only what ssh_channel_poll says is buffered.
  ExecResult read_until_exit(Channel& ch, std::chrono::milliseconds timeout) {
    ExecResult result;
    auto deadline = Clock::now() + timeout;
    char buf[16 * 1024];
    auto fail = [&](const char* what) {
      return RemoteError(node_.name + ": " + what + ": " + session_error(session_->s));
    };
    for (;;) {
      bool progressed = false;
      for (int is_stderr : {0, 1}) {
        int available = ssh_channel_poll(ch.get(), is_stderr);
        if (available == SSH_ERROR) throw fail("channel poll failed");
        if (available <= 0) continue;  // nothing buffered, or SSH_EOF
        int n = ssh_channel_read(ch.get(), buf,
                                 static_cast<uint32_t>(std::min<int>(available, sizeof buf)),
                                 is_stderr);
        if (n < 0) throw fail("channel read failed");
        (is_stderr ? result.err : result.out).append(buf, static_cast<size_t>(n));
        progressed = progressed || n > 0;
      }
      if (progressed) continue;
      if (ssh_channel_is_eof(ch.get()) || ssh_channel_is_closed(ch.get())) break;
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      if (left.count() <= 0) {
        result.timed_out = true;
        ssh_channel_request_send_signal(ch.get(), "KILL");
        return result;  // the Channel closes on destruction
      }
      // Processes incoming packets for both streams until stdout has data or time passes.
      int wait_ms = static_cast<int>(std::min<long>(left.count(), 50));
      if (ssh_channel_poll_timeout(ch.get(), wait_ms, 0) == SSH_ERROR) {
        throw fail("channel poll failed");
      }
    }
    // The exit status may arrive just after EOF; this waits for it.
    result.exit_status = ssh_channel_get_exit_status(ch.get());
    return result;
  }

  NodeSpec node_;
  SshOptions options_;
  std::unique_ptr<Session> session_;
};

}  // namespace

std::unique_ptr<Remote> connect_ssh(const NodeSpec& node, const SshOptions& options) {
  return std::make_unique<SshRemote>(node, options);
}

}  // namespace faultline::harness
