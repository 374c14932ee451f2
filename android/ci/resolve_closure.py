#!/usr/bin/env python3
"""Developer tool: compute the transitive closure of the Android dependencies the app declares, the
way Gradle would pick versions (highest requested version wins; exact ranges "[1.7.6]" taken as-is),
and write it as a flat, fully pinned list into the `android` profile of android/ci/pom.xml.

Why: Maven cannot resolve AndroidX's Gradle-published POMs (aars referenced as jars, exact-version
ranges of versions a mirror may not serve), so CI downloads a flat list with no transitive resolution.
Run it after changing a version in gradle/libs.versions.toml; it reads POMs from ~/.m2 and fetches
missing ones with `mvn dependency:get`. Usage: android/ci/resolve_closure.py
"""
import os, re, subprocess, sys, xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
POM = os.path.join(HERE, "pom.xml")
M2 = os.path.expanduser("~/.m2/repository")
NS = "{http://maven.apache.org/POM/4.0.0}"

def props():
    root = ET.parse(POM).getroot()
    return {c.tag.replace(NS, ""): c.text for c in root.find(NS + "properties")}

def roots(p):
    # Direct dependencies of the app (the catalog's libraries), as g:a:version-property.
    lines = open(os.path.join(HERE, "android-roots.txt")).read().split("\n")
    out = []
    for line in lines:
        line = line.split("#")[0].strip()
        if line:
            g, a, vp = line.split(":")
            out.append((g, a.removesuffix("@aar"), p[vp]))
    return out

def vkey(v):
    parts = re.split(r"[.-]", v)
    key = []
    for x in parts:
        key.append((0, int(x), "") if x.isdigit() else (-1, 0, x))  # 1.0-alpha < 1.0
    return key

def pom_path(g, a, v):
    return os.path.join(M2, *g.split("."), a, v, f"{a}-{v}.pom")

def fetch(g, a, v):
    path = pom_path(g, a, v)
    if not os.path.exists(path):
        subprocess.run(["mvn", "-q", "-B", "dependency:get", f"-Dartifact={g}:{a}:{v}:pom", "-Dtransitive=false",
                        "-DremoteRepositories=google::default::https://maven.google.com"], check=False,
                       stdout=subprocess.DEVNULL)
    if not os.path.exists(path):
        return None  # the mirror may lack versions that end up evicted by a higher one
    return ET.parse(path).getroot()

def deps(g, a, v):
    root = fetch(g, a, v)
    if root is None:
        return None, [], []
    packaging = (root.findtext(NS + "packaging") or "jar").strip()
    # Gradle publishes its dependency constraints (AndroidX families kept on one version) as
    # <dependencyManagement>; they raise the version of an artifact that is in the graph anyway.
    constraints = []
    dm = root.find(NS + "dependencyManagement")
    if dm is not None and dm.find(NS + "dependencies") is not None:
        for d in dm.find(NS + "dependencies"):
            cv = (d.findtext(NS + "version") or "").strip().strip("[]")
            if cv and "," not in cv and "$" not in cv:
                constraints.append((d.findtext(NS + "groupId").strip(), d.findtext(NS + "artifactId").strip(), cv))
    out = []
    ds = root.find(NS + "dependencies")
    for d in (ds if ds is not None else []):
        scope = (d.findtext(NS + "scope") or "compile").strip()
        if scope not in ("compile", "runtime") or (d.findtext(NS + "optional") or "") == "true":
            continue
        dv = (d.findtext(NS + "version") or "").strip().strip("[]")
        if "," in dv or "$" in dv or not dv:  # never seen in AndroidX POMs; refuse rather than guess
            sys.exit(f"unsupported version '{dv}' in {g}:{a}:{v}")
        out.append((d.findtext(NS + "groupId").strip(), d.findtext(NS + "artifactId").strip(), dv))
    return packaging, out, constraints

def closure(rs):
    selected = {}
    while True:
        seen, packaging, queue, cons = {}, {}, [(g, a) for g, a, _ in rs], {}
        for g, a, v in rs:
            selected[(g, a)] = max(selected.get((g, a), v), v, key=vkey)
        changed = False
        while queue:
            ga = queue.pop()
            if ga in seen:
                continue
            v = selected[ga]
            seen[ga] = v
            packaging[ga], ds, cs = deps(ga[0], ga[1], v)
            for cg, ca, cv in cs:
                if vkey(cv) > vkey(cons.get((cg, ca), "0")):
                    cons[(cg, ca)] = cv
            for dg, da, dv in ds:
                cur = selected.get((dg, da))
                if cur is None or vkey(dv) > vkey(cur):
                    selected[(dg, da)] = dv
                    changed = changed or (dg, da) in seen
                queue.append((dg, da))
        for ga, cv in cons.items():
            if ga in seen and vkey(cv) > vkey(selected[ga]):
                selected[ga] = cv
                changed = True
        if not changed:
            missing = [f"{g}:{a}:{seen[(g, a)]}" for (g, a) in seen if packaging[(g, a)] is None]
            if missing:
                sys.exit("POMs of selected versions not found: " + ", ".join(missing))
            return {ga: (seen[ga], packaging[ga]) for ga in seen}

def main():
    p = props()
    global AAR_ANYWAY
    AAR_ANYWAY = {l.split(":")[1].removesuffix("@aar") for l in open(os.path.join(HERE, "android-roots.txt"))
                  if "@aar" in l.split("#")[0]}
    cl = closure(roots(p))
    # A KMP root artifact (e.g. androidx.compose.ui:ui) only points at its -android variant: no file of its own.
    names = {a for (_, a) in cl}
    entries = []
    for (g, a), (v, pk) in sorted(cl.items()):
        if a + "-android" in names or a + "-jvm" in names:
            continue
        if g == "org.jetbrains.kotlin":   # kotlinc's own stdlib is used
            continue
        t = "aar" if pk == "aar" or a in AAR_ANYWAY else "jar"
        entries.append(f"        <dependency><groupId>{g}</groupId><artifactId>{a}</artifactId>"
                       f"<version>{v}</version><type>{t}</type>"
                       f"<exclusions><exclusion><groupId>*</groupId><artifactId>*</artifactId></exclusion></exclusions>"
                       f"</dependency>")
    text = open(POM).read()
    begin, end = "<!-- BEGIN android closure", "<!-- END android closure -->"
    i, j = text.index(begin), text.index(end)
    i = text.index("-->", i) + 3
    text = text[:i] + "\n" + "\n".join(entries) + "\n        " + text[j:]
    open(POM, "w").write(text)
    print(f"{len(entries)} artifacts written to {POM}")

if __name__ == "__main__":
    main()
