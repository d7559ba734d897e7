#include "pipeline/build.h"

#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

#include "base/text.h"
#include "data/database.h"
#include "data/export.h"
#include "load/content.h"
#include "load/site_config.h"
#include "plugins/plugin_host.h"
#include "plugins/sanitize.h"
#include "plugins/shortcode.h"
#include "render/markdown.h"
#include "render/theme.h"
#include "site/site.h"
#include "write/output_tree.h"

namespace minhbach {

namespace fs = std::filesystem;

namespace {

double Since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

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

// Renders pages[i] for every i on `jobs` threads, each with its own copy of
// the theme (kainjow templates are not thread-safe). The first error stops
// every worker; it is the one reported.
Status RenderAll(std::vector<Page>* pages, const Theme& theme, OutputTree* out, unsigned jobs, bool progress) {
  std::atomic<std::size_t> next{0}, done{0};
  std::atomic<bool> failed{false};
  std::mutex error_mu;
  Status first_error;
  auto worker = [&] {
    Theme mine = theme;
    for (;;) {
      std::size_t i = next.fetch_add(1);
      if (i >= pages->size() || failed.load()) return;
      Page& page = (*pages)[i];
      Status st;
      if (page.layout.empty()) {
        if (out) st = out->Write(page.path, page.bytes);
      } else {
        RenderMarkdownInto(&page);
        auto html = mine.RenderPage(page.layout, page.data);
        if (!html.ok()) {
          st = html.status().file().empty()
                   ? Status::Error("page " + page.path + ": " + html.status().message())
                   : html.status();
        } else if (out) {
          st = out->Write(page.path, html.value());
        }
        page.data = Value();  // free as we go: memory stays flat on big sites
      }
      if (!st.ok()) {
        std::lock_guard<std::mutex> lock(error_mu);
        if (!failed.exchange(true)) first_error = st;
        return;
      }
      ++done;
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < jobs; ++t) threads.emplace_back(worker);
  if (progress) {
    while (done.load() < pages->size() && !failed.load()) {
      std::fprintf(stderr, "\r  rendering %zu/%zu pages", done.load(), pages->size());
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  for (auto& th : threads) th.join();
  if (progress) std::fprintf(stderr, "\r%60s\r", "");
  return first_error;
}

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
    if (out) MB_RETURN_IF_ERROR(out->CopyFrom(rel, f));
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
void AddPluginOutputs(const SiteContext& ctx, const PluginHost& host, std::vector<Page>* pages) {
  for (const PluginPage& pp : host.pages()) {
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
  for (const PluginFile& pf : host.files()) {
    Page page;
    page.path = pf.path;
    page.bytes = pf.bytes;
    pages->push_back(std::move(page));
  }
}

// api/v1/*.json: the database as open data, written on every build.
void AddOpenDataJson(sqlite3* db, std::vector<Page>* pages) {
  const std::pair<const char*, Value (*)(sqlite3*)> kExports[] = {
      {"units", ExportUnits},   {"plans", ExportPlans},           {"agencies", ExportAgencies},
      {"cycles", ExportCycles}, {"indicators", ExportIndicators}, {"tasks", ExportTasks},
  };
  for (const auto& [name, fn] : kExports) {
    Page page;
    page.path = std::string("api/v1/") + name + ".json";
    page.bytes = fn(db).ToPrettyJson();
    pages->push_back(std::move(page));
  }
}

}  // namespace

Result<BuildStats> RunBuild(const BuildOptions& opt) {
  auto t0 = std::chrono::steady_clock::now();
  BuildStats stats;

  // load
  auto config = LoadSiteConfig(opt.site);
  if (!config.ok()) return config.status();
  InitMarkdown();
  auto theme = Theme::Load(config->root, config->theme);
  if (!theme.ok()) return theme.status();
  auto content = LoadContent(config.value());
  if (!content.ok()) return content.status();

  // resolve: the database (recreated from content/ when stale), then pages.
  auto db_info = EnsureDatabase(config.value());
  if (!db_info.ok()) return db_info.status();
  auto db = OpenReadOnly(db_info->path);
  if (!db.ok()) return db.status();
  std::unique_ptr<sqlite3, int (*)(sqlite3*)> db_owner(db.value(), sqlite3_close);
  if (opt.check_only) {
    auto problems = ListDataProblems(db.value());
    if (!problems.ok()) return problems.status();
    stats.data_problems = std::move(problems.value());
  }

  // Plug-ins run once, before any page is built; the site stage reads their
  // results as plain Values.
  auto plugin_t0 = std::chrono::steady_clock::now();
  PluginConfig plugin_config;
  plugin_config.plugin_dirs = {config->root / "plugins", config->root / "themes" / config->theme / "plugins"};
  plugin_config.database = db_info->path;
  plugin_config.as_of = opt.as_of;
  plugin_config.site_config = config->raw;
  plugin_config.instruction_limit = config->plugin_instruction_limit;
  plugin_config.memory_limit = config->plugin_memory_limit;
  plugin_config.site_root = config->root;
  auto host = PluginHost::Create(plugin_config);
  if (!host.ok()) return host.status();
  MB_RETURN_IF_ERROR(host.value()->RunAll());
  stats.plugin_seconds = Since(plugin_t0);
  stats.warnings = host.value()->warnings();

  SiteContext ctx;
  ctx.config = &config.value();
  ctx.content = &content.value();
  ctx.as_of = opt.as_of;
  ctx.db = db.value();
  ctx.plugin_data = &host.value()->data();
  std::vector<Page> extra;
  AddOpenDataJson(db.value(), &extra);
  AddPluginOutputs(ctx, *host.value(), &extra);
  auto pages = BuildPages(ctx, std::move(extra));
  if (!pages.ok()) return pages.status();
  MB_RETURN_IF_ERROR(ExpandShortcodes(host.value().get(), &pages.value()));

  // render + write
  std::unique_ptr<OutputTree> out;
  if (!opt.check_only) {
    auto tree = OutputTree::Begin(opt.out, config->root);
    if (!tree.ok()) return tree.status();
    out = std::move(tree.value());
  }
  unsigned jobs = opt.jobs ? opt.jobs : std::max(1u, std::thread::hardware_concurrency());
  stats.pages = pages->size();
  MB_RETURN_IF_ERROR(RenderAll(&pages.value(), theme.value(), out.get(), jobs, opt.progress));
  MB_RETURN_IF_ERROR(CopyAssets(theme->assets_dir(), out.get(), &stats.pages));
  if (out) {
    MB_RETURN_IF_ERROR(out->Commit());
    stats.written = out->files_written();
    stats.unchanged = out->files_unchanged();
  }
  stats.seconds = Since(t0);
  return stats;
}

}  // namespace minhbach
