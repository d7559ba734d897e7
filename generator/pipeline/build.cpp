#include "pipeline/build.h"

#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <future>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <vector>

#include "base/fs.h"
#include "base/text.h"
#include "data/database.h"
#include "load/content.h"
#include "load/site_config.h"
#include "pipeline/fingerprint.h"
#include "pipeline/unit_record.h"
#include "plugins/plugin_host.h"
#include "plugins/sanitize.h"
#include "plugins/shortcode.h"
#include "render/markdown.h"
#include "render/theme.h"
#include "site/json_arrays.h"
#include "site/site.h"
#include "write/output_tree.h"

namespace minhbach {

namespace fs = std::filesystem;

namespace {

double Since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// VmRSS and VmHWM of this process in kB (0 where /proc is unavailable).
void ReadMemory(std::size_t* rss_kb, std::size_t* peak_kb) {
  *rss_kb = *peak_kb = 0;
  std::FILE* f = std::fopen("/proc/self/status", "r");
  if (!f) return;
  char line[256];
  while (std::fgets(line, sizeof line, f)) {
    std::size_t v = 0;
    if (std::sscanf(line, "VmRSS: %zu kB", &v) == 1) *rss_kb = v;
    if (std::sscanf(line, "VmHWM: %zu kB", &v) == 1) *peak_kb = v;
  }
  std::fclose(f);
}

// Records how long each stage took and the memory when it ended, so that a
// slow or heavy build says where (`minhbach build --timings`).
// With `live`, each stage is also printed as it ends, so that a build that
// runs out of memory or time still shows how far it got.
class StageClock {
 public:
  StageClock(std::vector<StageTiming>* into, bool live)
      : into_(into), live_(live), t_(std::chrono::steady_clock::now()) {}
  void Mark(std::string name) {
    StageTiming st;
    st.name = std::move(name);
    st.seconds = Since(t_);
    ReadMemory(&st.rss_kb, &st.peak_kb);
    if (live_) {
      std::fprintf(stderr, "  [%-40s %8.3f s, rss %.0f MB, peak %.0f MB]\n", st.name.c_str(), st.seconds,
                   st.rss_kb / 1024.0, st.peak_kb / 1024.0);
    }
    into_->push_back(std::move(st));
    t_ = std::chrono::steady_clock::now();
  }
  // CPU seconds that a part of the last stage took on all threads together.
  void Cpu(const std::string& part, double seconds) {
    if (live_) std::fprintf(stderr, "  [  CPU, all threads: %-22s %8.3f s]\n", part.c_str(), seconds);
    into_->push_back(StageTiming{"  CPU, all threads: " + part, seconds, 0, 0});
  }
  // A part of the last stage that ran on another thread (no memory figure).
  void Note(std::string name, double seconds) {
    if (live_) std::fprintf(stderr, "  [  of which: %-28s %8.3f s]\n", name.c_str(), seconds);
    into_->push_back(StageTiming{"  of which: " + std::move(name), seconds, 0, 0});
  }

 private:
  std::vector<StageTiming>* into_;
  bool live_;
  std::chrono::steady_clock::time_point t_;
};

// With --timings, where a worker thread's CPU time goes while it builds
// communes, summed over the threads: wall time per stage cannot split the
// communes stage, whose parts interleave on every thread. Off, it costs a
// branch per lap (the thread clock is a system call, ~0.5 us).
class CpuSplit {
 public:
  enum Part { kPlans, kPlugins, kModels, kMarkdown, kTemplates, kWrite, kOpenData, kOther, kCount };
  static constexpr const char* kNames[kCount] = {
      "plan texts read", "plug-ins",           "page models",
      "Markdown",        "templates",          "writing files",
      "open data rows",  "set-up, carried over"};

  explicit CpuSplit(bool on) : on_(on) {
    if (on_) last_ = Now();
  }
  // Charges the CPU time since the last lap to `part`.
  void Lap(Part part) {
    if (!on_) return;
    const double now = Now();
    seconds_[part] += now - last_;
    last_ = now;
  }
  void AddTo(double* sums) const {
    for (int i = 0; i < kCount; ++i) sums[i] += seconds_[i];
  }

 private:
  static double Now() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
  }
  bool on_;
  double last_ = 0;
  double seconds_[kCount] = {};
};

// Markdown pages get their HTML and table of contents here, on the worker
// thread, so Markdown rendering runs on all cores too.
void RenderMarkdownInto(Page* page) {
  if (page->markdown.empty()) return;
  RenderedMarkdown md = RenderMarkdown(page->markdown);
  for (const auto& [token, html] : page->shortcodes) {
    md.html = ReplaceAll(std::move(md.html), "<p>" + token + "</p>", html);
  }
  page->data.Set("content_html", std::move(md.html));
  Value toc = Value::MakeArray();
  for (const TocEntry& e : md.toc) {
    Value item = Value::MakeObject();
    item.Set("text", e.text);
    item.Set("anchor", e.anchor);
    item.Set("level", e.level);
    item.Set("sub", e.level > 2);
    toc.Push(std::move(item));
  }
  page->data.Set("has_toc", toc.size() > 2);
  page->data.Set("toc", std::move(toc));
}

// Frees what a page no longer needs once its file is in the tree: memory
// stays flat while a big site renders.
void Release(Page* page) {
  page->data = Value();
  std::string().swap(page->markdown);
  std::string().swap(page->bytes);
  std::vector<std::pair<std::string, std::string>>().swap(page->shortcodes);
}

// What every render worker shares. The theme is copied per thread
// (kainjow templates are not thread-safe); the rest is read-only or atomic.
struct RenderContext {
  const Theme* theme = nullptr;
  FileTag shared;           // renderer + theme fingerprint
  OutputTree* out = nullptr;  // null: check only (render, write nothing)
  std::atomic<std::size_t> rendered{0};
};

// One page into the tree: carried over when the previous build made its
// file from the same fingerprint, else rendered (layout) or taken as is
// (raw bytes) and written. The page's memory is freed either way. A unit's
// pages come with `given`, the tag of the unit's inputs and the path (as
// cheap as it is exact: hashing each page model cost 5% of a build); the
// site-wide pages are fingerprinted one by one.
Status ProcessPage(Page* page, Theme* theme, RenderContext* rc, const FileTag* given = nullptr,
                   CpuSplit* cpu = nullptr) {
  Status st;
  FileTag tag;
  bool reused = false;
  if (rc->out) {
    if (given) {
      tag = *given;
    } else if (page->copy_from.empty()) {
      tag = PageFingerprint(*page, rc->shared);
    } else {
      // A copied file (the published database, hundreds of MB) is tagged
      // by its identity, size and modification time rather than hashed:
      // SQLite changes the time whenever it writes.
      struct stat st {};
      if (::stat(page->copy_from.c_str(), &st) != 0) {
        return Status::Error("cannot read " + page->copy_from.string() + ": " + std::strerror(errno));
      }
      Hasher h;
      h.Str("minhbach copy");
      h.Str(page->copy_from.string());
      h.U64(static_cast<std::uint64_t>(st.st_dev));
      h.U64(static_cast<std::uint64_t>(st.st_ino));
      h.U64(static_cast<std::uint64_t>(st.st_size));
      h.U64(static_cast<std::uint64_t>(st.st_mtim.tv_sec) * 1000000000ull + static_cast<std::uint64_t>(st.st_mtim.tv_nsec));
      tag = h.Finish();
    }
    auto r = rc->out->Reuse(page->path, tag);
    if (!r.ok()) st = r.status();
    else reused = r.value();
  }
  if (st.ok() && !reused) {
    if (!page->copy_from.empty()) {
      if (rc->out) st = rc->out->CopyFrom(page->path, page->copy_from, tag, page->may_link);
    } else if (page->layout.empty()) {
      if (rc->out) st = rc->out->Write(page->path, page->bytes, tag);
    } else {
      if (cpu) cpu->Lap(CpuSplit::kWrite);
      RenderMarkdownInto(page);
      if (cpu) cpu->Lap(CpuSplit::kMarkdown);
      auto html = theme->RenderPage(page->layout, page->data);
      if (cpu) cpu->Lap(CpuSplit::kTemplates);
      if (!html.ok()) {
        st = html.status().file().empty() ? Status::Error("page " + page->path + ": " + html.status().message())
                                          : html.status();
      } else if (rc->out) {
        st = rc->out->Write(page->path, html.value(), tag);
      }
      ++rc->rendered;
    }
  }
  Release(page);
  if (cpu) cpu->Lap(CpuSplit::kWrite);
  return st;
}

// Runs work(i, &state) for i in [0, n) on `jobs` threads, each with its own
// state from make() (at least a copy of the theme). After a failure no new item starts; the error reported
// is the one of the lowest item, so that the same broken site always gives
// the same message whatever the threads did.
template <typename Make, typename Work>
Status ParallelFor(std::size_t n, unsigned jobs, bool progress, const char* what, Make make, Work work) {
  std::atomic<std::size_t> next{0}, done{0};
  std::atomic<bool> failed{false};
  std::mutex error_mu;
  std::size_t error_item = n;
  Status error;
  auto worker = [&] {
    auto mine = make();
    for (;;) {
      std::size_t i = next.fetch_add(1);
      if (i >= n || failed.load()) return;
      Status st = work(i, &mine);
      if (!st.ok()) {
        std::lock_guard<std::mutex> lock(error_mu);
        failed = true;
        if (i < error_item) {
          error_item = i;
          error = st;
        }
        return;
      }
      ++done;
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < std::max(1u, jobs); ++t) threads.emplace_back(worker);
  if (progress) {
    while (done.load() < n && !failed.load()) {
      std::fprintf(stderr, "\r  %s %zu/%zu", what, done.load(), n);
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  for (auto& th : threads) th.join();
  if (progress) std::fprintf(stderr, "\r%60s\r", "");
  return error;
}

// The theme's assets, as they are. Each is tagged with its own bytes, so an
// unchanged asset is carried over without being compared again.
Status CopyAssets(const fs::path& dir, OutputTree* out, std::size_t* count) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Status::Ok();
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& f : files) {
    std::string rel = "assets/" + fs::relative(f, dir).generic_string();
    if (out) {
      auto bytes = ReadFile(f);
      if (!bytes.ok()) return bytes.status();
      FileTag tag = HashBytes(bytes.value());
      auto reused = out->Reuse(rel, tag);
      if (!reused.ok()) return reused.status();
      if (!reused.value()) MB_RETURN_IF_ERROR(out->Write(rel, bytes.value(), tag));
    }
    ++*count;
  }
  return Status::Ok();
}

// Replaces each {{< shortcode >}} in Markdown pages by a placeholder
// paragraph and records the plug-in's sanitized markup for it. Runs on the
// main thread: a Lua state is never shared between threads.
Status ExpandShortcodes(PluginHost* host, std::vector<Page>* pages) {
  std::size_t counter = 0;
  for (Page& page : *pages) {
    if (page.markdown.find("{{<") == std::string::npos) continue;
    if (!host) {
      // UsesShortcodes() said no content has one; a page that does anyway
      // must fail loudly rather than lose it.
      return Status::At(page.markdown_file, page.markdown_line,
                        "internal error: a shortcode appeared after the plug-ins were released");
    }
    std::vector<ShortcodeUse> uses = FindShortcodes(page.markdown);
    std::string out;
    std::size_t last = 0;
    for (const ShortcodeUse& use : uses) {
      int line = page.markdown_line + use.line - 1;
      if (!use.error.empty()) return Status::At(page.markdown_file, line, "shortcode: " + use.error);
      if (!host->HasShortcode(use.name)) {
        return Status::At(page.markdown_file, line,
                          "unknown shortcode '" + use.name + "': no plug-in registers it with site.shortcode");
      }
      auto html = host->CallShortcode(use.name, use.args, page.markdown_file, line);
      if (!html.ok()) return html.status();
      std::string token = "MBSHORTCODE" + std::to_string(counter++) + "X";
      out.append(page.markdown, last, use.begin - last);
      out += "\n\n" + token + "\n\n";
      page.shortcodes.emplace_back(token, std::move(html.value()));
      last = use.end;
    }
    out.append(page.markdown, last, std::string::npos);
    page.markdown = std::move(out);
  }
  return Status::Ok();
}

// Plug-in data may put markup only in *_html fields, and only sanitized.
void SanitizeHtmlFields(Value* v) {
  if (v->is_object()) {
    for (auto& [key, val] : v->as_object()) {
      if (EndsWith(key, "_html") && val.is_string()) val = Value(SanitizeMarkup(val.as_string()));
      else SanitizeHtmlFields(&val);
    }
  } else if (v->is_array()) {
    for (Value& item : v->as_array()) SanitizeHtmlFields(&item);
  }
}

// Pages and files the plug-ins added with site.page and site.file.
void AddPluginOutputs(const SiteContext& ctx, const std::vector<PluginPage>& plugin_pages,
                      const std::vector<PluginFile>& plugin_files, std::vector<Page>* pages) {
  for (const PluginPage& pp : plugin_pages) {
    Page page;
    page.path = pp.path;
    page.layout = pp.layout;
    std::string title = pp.data.GetString("title");
    page.data = BasePageData(ctx, pp.path, title, {{"Trang chủ", "index.html"}, {title, pp.path}});
    Value data = pp.data;
    SanitizeHtmlFields(&data);
    for (auto& [key, val] : data.as_object()) page.data.Set(key, val);
    pages->push_back(std::move(page));
  }
  for (const PluginFile& pf : plugin_files) {
    Page page;
    page.path = pf.path;
    page.bytes = pf.bytes;
    pages->push_back(std::move(page));
  }
}

// The tag of an api/v1 array file: the path and every unit's inputs.
FileTag TagOfArray(const FileTag& arrays_tag, const std::string& path) {
  Hasher h;
  h.Tag(arrays_tag);
  h.Str(path);
  return h.Finish();
}

// What one render worker owns: its copy of the theme (kainjow templates are
// not thread-safe), its database connection, its plug-in states (a Lua
// state is never shared between threads) and the site's pages with the
// current unit's plans. Made on the worker's first unit.
struct Worker {
  // `cpu_sums`, when timing, receives the worker's CPU split when it ends.
  Worker(const Theme& t, double* cpu_sums, std::mutex* mu)
      : theme(t), cpu(cpu_sums != nullptr), cpu_sums_(cpu_sums), mu_(mu) {}
  ~Worker() {
    if (!cpu_sums_) return;
    cpu.Lap(CpuSplit::kOther);
    std::lock_guard<std::mutex> lock(*mu_);
    cpu.AddTo(cpu_sums_);
  }
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  Theme theme;
  CpuSplit cpu;
  std::unique_ptr<sqlite3, int (*)(sqlite3*)> db{nullptr, sqlite3_close};
  // Declared after `db`, so destroyed (its statements finalized) before it.
  std::optional<StatementCache> statements;
  std::unique_ptr<PluginHost> host;
  Content content;

 private:
  double* cpu_sums_;
  std::mutex* mu_;
};

}  // namespace

Result<BuildStats> RunBuild(const BuildOptions& opt) {
  auto t0 = std::chrono::steady_clock::now();
  BuildStats stats;
  StageClock clock(&stats.stages, opt.timings);

  auto config = LoadSiteConfig(opt.site);
  if (!config.ok()) return config.status();
  InitMarkdown();  // before any thread starts: cmark's extension registry is a plain global

  // A rebuild reads the last build's state (manifest, records) before it
  // can skip anything; on a machine that paged them out (minutes idle) each
  // read would wait for the disk in turn. Asked for at once, they load while
  // the theme, content and database do.
  std::vector<std::filesystem::path> state_files;
  if (!opt.check_only) {
    state_files = OutputTree::StateFilesFor(opt.out);
    const std::filesystem::path units_dir = OutputTree::StateDirFor(opt.out) / "units";
    state_files.push_back(units_dir / "arrays.rec");
    for (const UnitConfig& unit : config->units) state_files.push_back(units_dir / (unit.id + ".rec"));
    // Then the served api/v1 arrays (150 MB at N = 1000), which a rebuild
    // copies from as soon as one unit changed. Their record is read again
    // below, under the output tree's lock: this read only names files.
    if (auto arrays = ReadArraysRecord(units_dir / "arrays.rec")) {
      for (const std::string& p : arrays->paths) {
        if (IsSafeRelativePath(p)) state_files.push_back(opt.out / p);
      }
    }
  }
  Prefetch prefetch_state(std::move(state_files));

  // The database, then the plug-ins' top-level code (one Lua thread), run
  // beside the loading of templates and pages: none of these reads what
  // another writes. Errors are still reported in the stages' order (theme,
  // content, database, plug-ins), so the same broken site always gives the
  // same message.
  PluginConfig plugin_config;
  plugin_config.plugin_dirs = {config->root / "plugins", config->root / "themes" / config->theme / "plugins"};
  plugin_config.as_of = opt.as_of;
  plugin_config.site_config = config->raw;
  plugin_config.instruction_limit = config->plugin_instruction_limit;
  plugin_config.memory_limit = config->plugin_memory_limit;
  plugin_config.site_root = config->root;
  Result<DatabaseInfo> db_info = Status::Error("the database was not opened");
  Result<std::unique_ptr<PluginHost>> host = Status::Error("the plug-ins did not run");
  double db_seconds = 0;
  std::thread resolver([&] {
    auto t = std::chrono::steady_clock::now();
    db_info = EnsureDatabase(config.value());
    db_seconds = Since(t);
    if (!db_info.ok()) return;
    t = std::chrono::steady_clock::now();
    plugin_config.database = db_info->path;
    host = PluginHost::Create(plugin_config);
    if (host.ok()) {
      Status setup = host.value()->Setup();
      if (!setup.ok()) host = setup;
    }
    stats.plugin_seconds = Since(t);
  });
  struct Joiner {
    std::thread* t;
    ~Joiner() {
      if (t->joinable()) t->join();
    }
  } joiner{&resolver};

  auto theme = Theme::Load(config->root, config->theme);
  auto content = theme.ok() ? LoadSitePages(config.value()) : Result<Content>(Status::Error("not loaded"));
  // What every rendered page's fingerprint shares; computed while Lua runs.
  Result<FileTag> shared = FileTag{};
  if (theme.ok() && content.ok() && !opt.check_only) {
    auto renderer = RendererFingerprint();
    auto theme_fp = renderer.ok() ? ThemeFingerprint(config->root, config->theme) : renderer;
    if (!theme_fp.ok()) {
      shared = theme_fp.status();
    } else {
      Hasher h;
      h.Tag(renderer.value());
      h.Tag(theme_fp.value());
      shared = h.Finish();
    }
  }
  // What every unit's pages share besides the renderer and the theme: the
  // plug-ins, site.yaml, the reference date and which stand-alone pages
  // exist (the menu). With a unit's own files it decides whether the unit
  // must be built again (unit_record.h).
  Result<FileTag> unit_shared = FileTag{};
  if (shared.ok() && content.ok() && !opt.check_only) {
    auto plugins_fp = FilesFingerprint("minhbach plug-ins", config->root, plugin_config.plugin_dirs);
    auto site_yaml = plugins_fp.ok() ? ReadFile(config->file) : Result<std::string>(plugins_fp.status());
    if (!site_yaml.ok()) {
      unit_shared = site_yaml.status();
    } else {
      Hasher h;
      h.Str("minhbach unit 1");
      h.Tag(shared.value());
      h.Tag(plugins_fp.value());
      h.Str(site_yaml.value());
      h.Str(opt.as_of.ToIso());
      for (const StaticPage& p : content->pages) h.Str(p.slug);
      unit_shared = h.Finish();
    }
  }
  clock.Mark("load (beside database, plug-in set-up)");

  // Also beside the database check (which stats every source file): the
  // output tree (its lock, its manifest) and each unit's inputs (a few
  // stats per unit), which decide which units are built again and whether
  // the api/v1 arrays are.
  // One worker more than cores: a worker making files waits for the disk
  // now and then (ext4 reading an inode-table block for a new inode, a
  // few milliseconds each), and with one worker per core that core idles.
  // At N = 1000 on two cores the third worker cut the cores' idle time
  // from 2-5 to 1-2 core-seconds and the build's wall time by 5 % (eleven
  // alternating pairs, bench/workers, docs/performance.md), for 16 MB more
  // memory.
  const unsigned jobs = opt.jobs ? opt.jobs : std::max(1u, std::thread::hardware_concurrency()) + 1;
  const std::size_t units = config->units.size();
  std::unique_ptr<OutputTree> out;
  Status out_status;  // reported after the stages before it
  std::filesystem::path records;
  std::vector<FileTag> inputs(units);
  FileTag arrays_tag;
  if (!opt.check_only && theme.ok() && content.ok() && shared.ok() && unit_shared.ok()) {
    out_status = [&]() -> Status {
      auto tree = OutputTree::Begin(opt.out, config->root);
      if (!tree.ok()) return tree.status();
      out = std::move(tree.value());
      clock.Mark("output tree opened (manifest read)");
      records = out->state_dir() / "units";
      std::error_code ec;
      std::filesystem::create_directories(records, ec);
      if (ec) return Status::Error("cannot create " + records.string() + ": " + ec.message());
      // More threads than cores: listing and stat-ing folders the machine
      // paged out waits for the disk, one request per thread.
      MB_RETURN_IF_ERROR(ParallelFor(
          units, std::max(jobs, 8u), false, "", [] { return 0; },
          [&](std::size_t i, int*) -> Status {
            const UnitConfig& unit = config->units[i];
            auto fp = UnitInputsFingerprint(config->ContentDir() / unit.id);
            if (!fp.ok()) return fp.status();
            Hasher h;
            h.Tag(unit_shared.value());
            h.Str(unit.id);
            h.Tag(fp.value());
            inputs[i] = h.Finish();
            return Status::Ok();
          }));
      Hasher h;
      h.Str("minhbach arrays 1");
      h.Tag(unit_shared.value());
      for (const FileTag& t : inputs) h.Tag(t);
      arrays_tag = h.Finish();
      clock.Mark("unit fingerprints");
      return Status::Ok();
    }();
  }
  resolver.join();
  clock.Mark("waiting for database, plug-in set-up");
  clock.Note(db_info.ok() && db_info->rebuilt ? "database rebuilt" : "database check", db_seconds);
  clock.Note("plug-in set-up", stats.plugin_seconds);
  if (!theme.ok()) return theme.status();
  if (!content.ok()) return content.status();
  if (!db_info.ok()) return db_info.status();
  std::unique_ptr<sqlite3, int (*)(sqlite3*)> db_owner(nullptr, sqlite3_close);
  {
    auto db = OpenReadOnly(db_info->path);
    if (!db.ok()) return db.status();
    db_owner.reset(db.value());
  }
  if (opt.check_only) {
    auto problems = ListDataProblems(db_owner.get());
    if (!problems.ok()) return problems.status();
    stats.data_problems = std::move(problems.value());
  }
  if (!host.ok()) return host.status();
  if (!shared.ok()) return shared.status();
  if (!unit_shared.ok()) return unit_shared.status();
  if (!out_status.ok()) return out_status;
  stats.warnings = host.value()->warnings();

  SiteContext ctx;
  ctx.config = &config.value();
  ctx.content = &content.value();
  ctx.as_of = opt.as_of;
  ctx.db = db_owner.get();
  ctx.plugin_data = &host.value()->data();
  std::vector<Page> extra;  // the plug-ins' site-wide pages and files
  AddPluginOutputs(ctx, host.value()->pages(), host.value()->files(), &extra);
  auto stage = SiteStage::Create(ctx);
  if (!stage.ok()) return stage.status();

  RenderContext rc;
  rc.theme = &theme.value();
  rc.shared = shared.value();
  rc.out = out.get();

  // Commune by commune on every core: a worker reads one unit's plans, runs
  // the plug-ins for it, builds its page models from its rows, renders and
  // writes them, and keeps only the unit's summary and its open-data rows
  // (appended to the api/v1 files in unit order). Nothing the worker holds
  // grows with the site.
  std::vector<UnitSummary> summaries(units);
  std::vector<std::vector<std::string>> unit_warnings(units);
  std::atomic<std::size_t> unit_files{0}, units_skipped{0};
  bool arrays_reused = false;
  std::set<std::string> api_json;
  // When the arrays are written again: the last build's record of them,
  // if the served files are still the ones it describes (by tag and size),
  // and those files, by path index.
  std::optional<ArraysRecord> served;
  std::vector<std::filesystem::path> served_files;
  // When most units are built again (a first build, a new theme or
  // program), they read every page of the database and every plan text.
  // Read in the order queries want them, pages of a database the machine
  // paged out come from disk one by one: a build of 1,000 communes took
  // 83 s instead of 35 s so. Asking for the whole file first lets the
  // disk read it in order while the first units run.
  std::optional<ArraysRecord> before;
  if (out) before = ReadArraysRecord(records / "arrays.rec");
  std::unique_ptr<Prefetch> inputs_prefetch;
  {
    std::size_t changed = units;
    if (out && before && before->unit_inputs.size() == units) {
      changed = 0;
      for (std::size_t i = 0; i < units; ++i) changed += !(before->unit_inputs[i] == inputs[i]);
    }
    if (changed * 4 >= units) {
      std::vector<std::filesystem::path> files = {db_info->path};
      for (const UnitConfig& unit : config->units) {
        for (const std::string& plan : unit.plans) files.push_back(config->PlanDir(unit, plan) / "index.md");
      }
      inputs_prefetch = std::make_unique<Prefetch>(std::move(files));
    }
  }
  if (out) {
    arrays_reused = before && before->inputs == arrays_tag &&
                    std::all_of(before->paths.begin(), before->paths.end(), [&](const std::string& p) {
                      return out->Reusable(p, TagOfArray(arrays_tag, p));
                    });
    if (arrays_reused) {
      for (const std::string& p : before->paths) {
        auto reused = out->Reuse(p, TagOfArray(arrays_tag, p));
        if (!reused.ok()) return reused.status();
        if (!reused.value()) return Status::Error("the published file " + p + " changed during the build; run the build again");
        api_json.insert(p);
      }
    } else if (before && before->unit_inputs.size() == units && before->sizes.size() == before->paths.size() &&
               before->spans.size() == before->paths.size()) {
      bool ok = true;
      for (std::size_t k = 0; ok && k < before->paths.size(); ++k) {
        const std::string& p = before->paths[k];
        std::filesystem::path file = out->ServedPath(p);
        struct stat st {};
        ok = before->spans[k].size() == units && out->Reusable(p, TagOfArray(before->inputs, p)) &&
             ::stat(file.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
             static_cast<std::uint64_t>(st.st_size) == before->sizes[k];
        served_files.push_back(std::move(file));
      }
      if (ok) served = std::move(before);
    }
  }
  // An unchanged unit's elements, from where the served arrays have them.
  auto served_rows = [&](std::size_t i) -> std::optional<JsonArrays::Stored> {
    if (!served || !(served->unit_inputs[i] == inputs[i])) return std::nullopt;
    JsonArrays::Stored stored;
    for (std::size_t k = 0; k < served->paths.size(); ++k) {
      const JsonArrays::Span& span = served->spans[k][i];
      if (span.named) stored.pieces.push_back({served->paths[k], span.offset, span.length, served_files[k]});
    }
    return stored;
  };
  // The api/v1 arrays are written straight into the output tree, unit by
  // unit, unless they were carried over whole.
  // A site-wide plug-in file of the same path wins, as on small sites.
  std::set<std::string> taken;
  for (const Page& p : extra) taken.insert(p.path);
  JsonArrays::Opener opener;
  if (out) {
    opener = [&](const std::string& path) -> Result<std::FILE*> {
      if (taken.count(path)) return static_cast<std::FILE*>(nullptr);
      auto fd = out->Create(path, TagOfArray(arrays_tag, path));
      if (!fd.ok()) return fd.status();
      std::FILE* f = ::fdopen(fd.value(), "wb");
      if (!f) {
        ::close(fd.value());
        return Status::Error("cannot write " + path);
      }
      return f;
    };
  }
  JsonArrays arrays(opener);
  double cpu_sums[CpuSplit::kCount] = {};
  std::mutex cpu_mu;
  auto make_worker = [&] {
    auto w = std::make_unique<Worker>(theme.value(), opt.timings ? cpu_sums : nullptr, &cpu_mu);
    w->content.pages = content->pages;
    return w;
  };
  MB_RETURN_IF_ERROR(ParallelFor(
      units, jobs, opt.progress, "communes", make_worker, [&](std::size_t i, std::unique_ptr<Worker>* wp) -> Status {
        Worker& w = **wp;
        const UnitConfig& unit = config->units[i];
        // An unchanged unit: its files are carried over and its part of the
        // site-wide pages comes from its record.
        if (out) {
          std::optional<UnitRecord> record = ReadUnitRecord(records / (unit.id + ".rec"));
          if (record && record->inputs == inputs[i] &&
              std::all_of(record->files.begin(), record->files.end(),
                          [&](const auto& f) { return out->Reusable(f.first, f.second); })) {
            // Its rows are needed only when the arrays are written again:
            // from the served arrays, else from its rows file; a unit with
            // neither is simply built again.
            std::optional<JsonArrays::Stored> rows;
            if (!arrays_reused) rows = served_rows(i);
            if (!arrays_reused && !rows) rows = ReadUnitRows(records / (unit.id + ".rows"), inputs[i]);
            if (arrays_reused || rows) {
              for (const auto& [path, tag] : record->files) {
                auto reused = out->Reuse(path, tag);
                if (!reused.ok()) return reused.status();
                if (!reused.value()) {
                  return Status::Error("the published file " + path + " changed during the build; run the build again");
                }
              }
              unit_files += record->files.size();
              summaries[i] = std::move(record->summary);
              unit_warnings[i] = std::move(record->warnings);
              ++units_skipped;
              return arrays_reused ? Status::Ok() : arrays.PutStored(i, std::move(rows.value()));
            }
          }
        }
        if (!w.host) {
          auto db = OpenReadOnly(db_info->path);
          if (!db.ok()) return db.status();
          w.db.reset(db.value());
          w.statements.emplace(w.db.get());
          auto h = PluginHost::Create(plugin_config);
          if (!h.ok()) return h.status();
          MB_RETURN_IF_ERROR(h.value()->Setup());
          w.host = std::move(h.value());
        }
        w.cpu.Lap(CpuSplit::kOther);
        auto plans = LoadUnitPlans(config.value(), unit);
        if (!plans.ok()) return plans.status();
        w.content.plans = std::move(plans.value());
        w.cpu.Lap(CpuSplit::kPlans);
        auto results = w.host->RunUnit(UnitRef{unit.id, unit.name, unit.kind});
        if (!results.ok()) return results.status();
        w.cpu.Lap(CpuSplit::kPlugins);
        SiteContext uctx = ctx;
        uctx.content = &w.content;
        uctx.db = w.db.get();
        uctx.plugin_data = &results->data;
        uctx.unit = &unit;
        std::vector<Page> plugin_pages, pages;
        AddPluginOutputs(uctx, results->pages, results->files, &plugin_pages);
        MB_RETURN_IF_ERROR(stage.value()->UnitPages(uctx, std::move(plugin_pages), &pages, &summaries[i]));
        MB_RETURN_IF_ERROR(ExpandShortcodes(w.host.get(), &pages));
        w.cpu.Lap(CpuSplit::kModels);
        UnitRecord record;
        record.inputs = inputs[i];
        JsonArrays::Rows rows = OpenDataRows(uctx);
        for (auto& r : results->rows) rows.push_back(std::move(r));
        w.cpu.Lap(CpuSplit::kOpenData);
        unit_files += pages.size();
        for (Page& page : pages) {
          FileTag tag;
          if (out) {
            Hasher h;
            h.Tag(inputs[i]);
            h.Str(page.path);
            tag = h.Finish();
          }
          record.files.emplace_back(page.path, tag);
          MB_RETURN_IF_ERROR(ProcessPage(&page, &w.theme, &rc, out ? &tag : nullptr, &w.cpu));
        }
        unit_warnings[i] = results->warnings;
        if (out) {
          record.summary = summaries[i];
          record.warnings = std::move(results->warnings);
          // Rows first: a record vouches for the rows file of its inputs.
          MB_RETURN_IF_ERROR(WriteUnitRows(records / (unit.id + ".rows"), inputs[i], rows));
          MB_RETURN_IF_ERROR(WriteUnitRecord(records / (unit.id + ".rec"), record));
        }
        Status put = arrays_reused ? Status::Ok() : arrays.Put(i, std::move(rows));
        w.cpu.Lap(CpuSplit::kOpenData);
        return put;
      }));
  for (auto& list : unit_warnings) {
    for (std::string& warning : list) stats.warnings.push_back(std::move(warning));
  }
  stats.units_skipped = units_skipped.load();
  clock.Mark("communes (" + std::to_string(units - stats.units_skipped) + " built, " +
             std::to_string(stats.units_skipped) + " unchanged)");
  if (opt.timings) {
    for (int part = 0; part < CpuSplit::kCount; ++part) {
      clock.Cpu(CpuSplit::kNames[part], cpu_sums[part]);
    }
  }

  // The api/v1 arrays: finished, and remembered with their inputs.
  std::vector<Page> global;
  if (!arrays_reused) {
    std::vector<JsonArrays::File> written;
    MB_RETURN_IF_ERROR(arrays.FinishPages(extra, &api_json, &global, &written));
    if (out) {
      std::map<std::string, JsonArrays::File*> by_path;
      for (JsonArrays::File& f : written) by_path[f.path] = &f;
      ArraysRecord record{arrays_tag, std::vector<std::string>(api_json.begin(), api_json.end()), inputs, {}, {}};
      for (const std::string& p : record.paths) {
        auto f = by_path.find(p);
        record.sizes.push_back(f == by_path.end() ? 0 : f->second->size);
        record.spans.push_back(f == by_path.end() ? std::vector<JsonArrays::Span>() : std::move(f->second->spans));
      }
      MB_RETURN_IF_ERROR(WriteArraysRecord(records / "arrays.rec", record));
    }
    clock.Mark("api/v1 arrays (finished)");
  }
  stage.value()->GlobalPages(std::move(extra), summaries, api_json, &global);
  std::vector<UnitSummary>().swap(summaries);
  MB_RETURN_IF_ERROR(ExpandShortcodes(host.value().get(), &global));
  // With an output tree the arrays went straight into it (or were carried
  // over); without one they are pages of `global`.
  stats.pages = unit_files.load() + global.size() + (out ? api_json.size() : 0);
  MB_RETURN_IF_ERROR(ParallelFor(global.size(), jobs, opt.progress, "site-wide pages",
                                 [&] { return theme.value(); },
                                 [&](std::size_t i, Theme* mine) { return ProcessPage(&global[i], mine, &rc); }));
  std::vector<Page>().swap(global);
  clock.Mark("site-wide pages (build, render, write)");
  stage.value().reset();
  host.value().reset();
  db_owner.reset();
  MB_RETURN_IF_ERROR(CopyAssets(theme->assets_dir(), out.get(), &stats.pages));
  stats.rendered = rc.rendered.load();
  clock.Mark(out && out->incremental() ? "assets (tree: spare updated in place)" : "assets (tree: fresh)");
  if (out) {
    MB_RETURN_IF_ERROR(out->Commit());
    // Records of units the site no longer lists go too.
    std::set<std::string> keep = {"arrays"};
    for (const UnitConfig& u : config->units) keep.insert(u.id);
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(records, ec)) {
      if (!keep.count(e.path().stem().string())) std::filesystem::remove(e.path(), ec);
    }
    stats.written = out->files_written();
    stats.unchanged = out->files_unchanged();
    stats.reused = out->files_reused();
    stats.removed = out->files_removed();
    clock.Mark("commit");
  }
  stats.seconds = Since(t0);
  return stats;
}

}  // namespace minhbach
