#include "load/content.h"

#include <algorithm>
#include <filesystem>

#include "base/date.h"
#include "base/fs.h"
#include "base/text.h"
#include "load/yaml.h"

namespace minhbach {

namespace fs = std::filesystem;

namespace {

// Reads a content file; messages name it relative to the site.
Result<Document> ReadContentFile(const SiteConfig& config, const std::string& rel, std::string* text) {
  auto raw = ReadTextFile(config.root / rel);
  if (!raw.ok()) return Status::At(rel, raw.status().line(), raw.status().message());
  *text = std::move(raw.value());
  return ParseFrontMatter(*text, rel);
}

Result<PlanText> LoadPlan(const SiteConfig& config, const UnitConfig& unit, const std::string& slug) {
  PlanText plan;
  plan.unit_id = unit.id;
  plan.slug = slug;
  plan.file = "content/" + unit.id + "/" + slug + "/index.md";
  std::string text;
  auto doc = ReadContentFile(config, plan.file, &text);
  if (!doc.ok()) return doc.status();
  plan.doc = std::move(doc.value());
  const Value& f = plan.doc.fields;
  auto title = RequireString(f, "title", plan.file, 1, "the plan's title, e.g. title: \"Kế hoạch thực hiện ...\"");
  if (!title.ok()) return title.status();
  plan.title = title.value();
  auto key = RequireString(f, "key", plan.file, 1, "a short key for indicator and task ids, e.g. key: \"nq11\"");
  if (!key.ok()) return key.status();
  plan.key = key.value();
  if (Slugify(plan.key) != plan.key) {
    return Status::At(plan.file, FieldLine(text, "key"),
                      "key: expected lower-case letters, digits and '-', got '" + plan.key + "'");
  }
  if (!f.GetString("unit").empty() && f.GetString("unit") != unit.name) {
    return Status::At(plan.file, FieldLine(text, "unit"),
                      "unit: the plan says '" + f.GetString("unit") + "' but site.yaml lists it under '" +
                          unit.name + "'");
  }
  plan.number = f.GetString("number");
  plan.issuer = f.GetString("issuer");
  plan.place_date = f.GetString("place_date");
  plan.signer = f.GetString("signer");
  plan.source = f.GetString("source");
  plan.date = f.GetString("date");
  if (!plan.date.empty() && !ParseIsoDate(plan.date)) {
    return Status::At(plan.file, FieldLine(text, "date"),
                      "date: expected YYYY-MM-DD (or leave it empty when the text has no full date), got '" +
                          plan.date + "'");
  }
  if (const Value* basis = f.Get("basis"); basis && basis->is_array()) {
    for (const Value& b : basis->as_array()) {
      if (b.is_string()) plan.basis.push_back(b.as_string());
    }
  }
  return plan;
}

}  // namespace

Result<std::vector<PlanText>> LoadUnitPlans(const SiteConfig& config, const UnitConfig& unit) {
  std::vector<PlanText> plans;
  for (const std::string& slug : unit.plans) {
    auto plan = LoadPlan(config, unit, slug);
    if (!plan.ok()) return plan.status();
    plans.push_back(std::move(plan.value()));
  }
  return plans;
}

Result<Content> LoadContent(const SiteConfig& config) {
  auto content = LoadSitePages(config);
  if (!content.ok()) return content;
  for (const UnitConfig& unit : config.units) {
    auto plans = LoadUnitPlans(config, unit);
    if (!plans.ok()) return plans.status();
    for (PlanText& p : plans.value()) content->plans.push_back(std::move(p));
  }
  return content;
}

Result<Content> LoadSitePages(const SiteConfig& config) {
  Content content;
  fs::path pages_dir = config.ContentDir() / "trang";
  std::error_code ec;
  if (fs::is_directory(pages_dir, ec)) {
    for (const auto& entry : fs::directory_iterator(pages_dir)) {
      if (entry.path().extension() != ".md") continue;
      StaticPage page;
      page.slug = entry.path().stem().string();
      page.file = "content/trang/" + entry.path().filename().string();
      if (Slugify(page.slug) != page.slug) {
        return Status::At(page.file, 0, "file name: expected lower-case letters, digits and '-' (it becomes the URL)");
      }
      std::string text;
      auto doc = ReadContentFile(config, page.file, &text);
      if (!doc.ok()) return doc.status();
      page.doc = std::move(doc.value());
      auto title = RequireString(page.doc.fields, "title", page.file, 1, "the page title, e.g. title: \"Giới thiệu\"");
      if (!title.ok()) return title.status();
      page.title = title.value();
      content.pages.push_back(std::move(page));
    }
  }
  std::sort(content.pages.begin(), content.pages.end(),
            [](const StaticPage& a, const StaticPage& b) { return a.slug < b.slug; });
  return content;
}

}  // namespace minhbach
