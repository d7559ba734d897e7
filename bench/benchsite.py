"""The synthetic site the benchmarks share, and how they time a command
(imported by bench/compare-hugo, bench/incremental and bench/workers).

Benchmarks must measure committed inputs: the site's themes/ and plugins/
are a snapshot of a git revision (`git archive`, default HEAD), never the
working tree that other people may be editing. The site itself comes from
bench/gen and is made once per (units, revision).
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def snapshot(work, rev):
    """themes/, plugins/ and the seed content of `rev`, extracted once; returns the folder."""
    sha = subprocess.run(["git", "-C", REPO, "rev-parse", "--short=12", rev], check=True,
                         stdout=subprocess.PIPE, text=True).stdout.strip()
    folder = os.path.join(work, f"sources-{sha}")
    if not os.path.isdir(folder):
        tmp = folder + ".tmp"
        subprocess.run(["rm", "-rf", tmp], check=True)
        os.makedirs(tmp)
        archive = subprocess.Popen(["git", "-C", REPO, "archive", sha, "themes", "plugins", "content"],
                                   stdout=subprocess.PIPE)
        subprocess.run(["tar", "-x", "-C", tmp], stdin=archive.stdout, check=True)
        if archive.wait() != 0:
            raise SystemExit(f"git archive {sha} failed")
        os.rename(tmp, folder)
    return folder


def ensure_site(work, units, rev, plugin_memory_mb):
    """The site of `units` communes on the sources of `rev`; returns (site folder, sources folder)."""
    sources = snapshot(work, rev)
    site = os.path.join(work, f"site-{units}-{os.path.basename(sources)[len('sources-'):]}")
    if not os.path.exists(os.path.join(site, "site.yaml")):
        log(f"generating {units} communes into {site}")
        subprocess.run([sys.executable, os.path.join(HERE, "gen"), "--units", str(units), "--out", site,
                        "--template-site", sources, "--plugin-memory-mb", str(plugin_memory_mb),
                        "--plugin-instructions", "1000000000000"], check=True, stdout=subprocess.DEVNULL)
    return site, sources


def timed(cmd, env=None):
    """Runs cmd; returns (wall s, user+sys s, peak RSS kB, user s, sys s)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        t0 = time.monotonic()
        p = subprocess.run(["/usr/bin/time", "-f", "%M %U %S", "-o", tf.name, *cmd],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        wall = time.monotonic() - t0
        if p.returncode != 0:
            log(p.stdout[-3000:] + p.stderr[-3000:])
            raise SystemExit(f"failed: {' '.join(cmd)}")
        rss, user, system = tf.read().split()[-3:]
    return wall, float(user) + float(system), int(rss), float(user), float(system)


def remove(path):
    if os.path.lexists(path):
        shutil.rmtree(path) if os.path.isdir(path) and not os.path.islink(path) else os.remove(path)
