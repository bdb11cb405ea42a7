#include "harness/run_store/store.h"

#include <unistd.h>

#include <ctime>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace faultline::harness {

namespace fs = std::filesystem;

std::string store_timestamp(std::chrono::system_clock::time_point t) {
  auto secs = std::chrono::time_point_cast<std::chrono::seconds>(t);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t - secs).count();
  std::time_t tt = std::chrono::system_clock::to_time_t(secs);
  std::tm tm{};
  ::gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%S", &tm);
  char out[40];
  std::snprintf(out, sizeof out, "%s.%03dZ", buf, static_cast<int>(ms));
  return out;
}

RunStore RunStore::create(const StoreOptions& options, const std::vector<std::string>& nodes,
                          std::chrono::system_clock::time_point now) {
  const std::string& name = options.test_name;
  if (name.empty() || name == "latest" || name.find('/') != std::string::npos ||
      name[0] == '.') {
    throw std::invalid_argument("bad test name '" + name + "' (no '/', not 'latest')");
  }
  fs::path base(options.base_dir);
  fs::path test_dir = base / name;
  fs::create_directories(test_dir);
  std::string stamp = store_timestamp(now);
  fs::path run = test_dir / stamp;
  for (int i = 1; !fs::create_directory(run); ++i) run = test_dir / (stamp + "-" + std::to_string(i));
  for (const auto& node : nodes) fs::create_directories(run / node);

  // latest -> <test-name>/<timestamp>, swapped in with a rename.
  fs::path link = base / "latest";
  fs::path tmp = base / (".latest." + std::to_string(::getpid()));
  std::error_code ec;
  fs::remove(tmp, ec);
  fs::create_directory_symlink(fs::path(name) / run.filename(), tmp);
  fs::rename(tmp, link);
  return RunStore(run.string());
}

void write_file_atomically(const std::string& path, const std::string& text) {
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write " + tmp);
    out << text;
    if (!out.flush()) throw std::runtime_error("cannot write " + tmp);
  }
  fs::rename(tmp, path);
}

}  // namespace faultline::harness
