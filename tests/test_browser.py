"""The review page in a real browser: headless Chromium (Debian ``chromium`` + ``chromium-driver``)
driven by Selenium against ``streamlit run app.py`` on a free localhost port.

The test uploads a .docx built here, waits for its findings, downloads the annotated Word file
and checks it carries Word comments, and saves a screenshot. Skipped, with the reason, when
Chromium or chromedriver is missing (``make system-deps`` installs them).

``python tests/test_browser.py docs/screenshots`` re-takes the README screenshots (first view,
document view, rules browser) with the same browser set-up.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = next((p for p in (shutil.which("chromium"), shutil.which("chromium-browser"), "/usr/bin/chromium")
                 if p and Path(p).exists()), None)
CHROMEDRIVER = next((p for p in (shutil.which("chromedriver"), "/usr/bin/chromedriver") if p and Path(p).exists()), None)
WINDOW = (1400, 1000)
CHROME_FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--lang=zh-CN")

pytestmark = pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None,
    reason="需要 Debian 软件包 chromium 和 chromium-driver（make system-deps 会安装）；本机没有，跳过真实浏览器测试",
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def streamlit_server(timeout: float = 60.0) -> Iterator[str]:
    """``streamlit run app.py`` on a free port; yields the URL once the health check answers."""
    port = free_port()
    cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
           "--server.fileWatcherType", "none"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                out = proc.stdout.read().decode(errors="replace") if proc.stdout else ""
                raise RuntimeError(f"streamlit exited early: {out[-2000:]}")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.read().strip() == b"ok":
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("streamlit did not answer its health check in time")
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextlib.contextmanager
def chrome(download_dir: Path) -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    for flag in CHROME_FLAGS:
        opts.add_argument(flag)
    opts.add_argument(f"--window-size={WINDOW[0]},{WINDOW[1]}")
    opts.add_argument(f"--user-data-dir={profile}")
    opts.add_experimental_option("prefs", {
        "download.default_directory": str(download_dir),
        "download.prompt_for_download": False,
        "download.directory_upgrade": True,
        "safebrowsing.enabled": False,
    })
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    try:
        driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(download_dir)})
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def wait_for(driver, predicate, timeout: float = 30.0, what: str = "condition"):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout, poll_frequency=0.2).until(lambda d: predicate(d), message=f"waiting for {what}")


def idle(driver) -> bool:
    """True when the script run is over (Streamlit's "running" indicator is gone)."""
    from selenium.webdriver.common.by import By

    return not driver.find_elements(By.CSS_SELECTOR, '[data-testid="stStatusWidgetRunningIcon"]')


def body_text(driver) -> str:
    from selenium.webdriver.common.by import By

    return driver.find_element(By.TAG_NAME, "body").text


def click_tab(driver, label: str) -> None:
    from selenium.webdriver.common.by import By

    for tab in driver.find_elements(By.CSS_SELECTOR, '[role="tab"]'):
        if tab.text.strip() == label:
            driver.execute_script("arguments[0].scrollIntoView({block:'center'});", tab)
            tab.click()
            return
    raise AssertionError(f"no tab {label}")


def click_button(driver, text_part: str, scope=None):
    from selenium.webdriver.common.by import By

    for b in (scope or driver).find_elements(By.TAG_NAME, "button"):
        if text_part in b.text and b.is_displayed():
            driver.execute_script("arguments[0].scrollIntoView({block:'center'});", b)
            b.click()
            return b
    raise AssertionError(f"no visible button containing {text_part!r}")


def tender_docx(path: Path) -> None:
    """A small 政府采购 tender with three planted violations and lawful sentences around them."""
    import docx

    d = docx.Document()
    d.add_heading("某区教育局教学设备采购项目招标文件", level=1)
    d.add_paragraph("采购人：某区教育局。本项目为政府采购货物项目，预算金额：100万元。")
    d.add_heading("第三章 资格条件", level=1)
    d.add_paragraph("1．供应商应具备《中华人民共和国政府采购法》第二十二条规定的条件。")
    d.add_paragraph("2．投标人注册资本不低于500万元人民币。")
    d.add_paragraph("3．投标人须在本市设有分公司。")
    d.add_heading("第五章 采购需求", level=1)
    d.add_paragraph("交互式平板须采用华为品牌产品。")
    d.add_paragraph("采购人不得将投标人的注册资本作为资格要求。")
    d.save(str(path))


def wait_download(folder: Path, suffix: str, timeout: float = 30.0) -> Path:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done = [p for p in folder.iterdir() if p.name.endswith(suffix)]
        partial = [p for p in folder.iterdir() if p.name.endswith(".crdownload")]
        if done and not partial:
            return done[0]
        time.sleep(0.2)
    raise AssertionError(f"no {suffix} downloaded into {folder}: {[p.name for p in folder.iterdir()]}")


def test_upload_docx_review_and_download_annotated(tmp_path):
    import docx
    from selenium.webdriver.common.by import By

    src = tmp_path / "区教育局招标文件.docx"
    tender_docx(src)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    with streamlit_server() as url, chrome(downloads) as driver:
        driver.get(url)
        # first view: the example is already checked
        wait_for(driver, lambda d: "待整改问题" in body_text(d), 60, "the example's findings")
        click_button(driver, "清除示例")
        wait_for(driver, lambda d: "清除示例" not in body_text(d), 20, "example cleared")
        driver.find_element(By.CSS_SELECTOR, 'input[type="file"]').send_keys(str(src))
        wait_for(driver, lambda d: "区教育局招标文件.docx" in body_text(d) and "待整改问题" in body_text(d), 60,
                 "findings of the uploaded file")
        text = body_text(driver)
        assert "政府采购" in text  # detected regime shown
        click_tab(driver, "问题列表")
        wait_for(driver, lambda d: "处理问题" in body_text(d), 20, "the findings table")
        click_tab(driver, "下载")
        wait_for(driver, lambda d: "批注版 Word" in body_text(d), 20, "the download buttons")
        shot = tmp_path / "review.png"
        driver.save_screenshot(str(shot))
        click_button(driver, "批注版 Word")
        got = wait_download(downloads, ".docx")
        # downloading did not rerun or reset the page
        assert "批注版 Word" in body_text(driver)
        # privacy: every resource the page loaded came from the local server
        urls = driver.execute_script("return performance.getEntriesByType('resource').map(function(e){return e.name;})")
        external = [u for u in urls if not u.startswith((url, "data:", "blob:"))]
        assert urls and not external, external
    assert shot.stat().st_size > 10_000
    annotated = docx.Document(io.BytesIO(got.read_bytes()))
    comments = list(annotated.comments)
    assert len(comments) >= 3, [c.text for c in comments]
    joined = "\n".join(c.text for c in comments)
    assert "注册资本" in joined or "SCALE" in joined
    # the document text itself is unchanged
    assert [p.text for p in annotated.paragraphs] == [p.text for p in docx.Document(str(src)).paragraphs]


def take_screenshots(out_dir: Path) -> list[Path]:
    """First view, document view (jumped to a finding) and rules browser, as PNGs in ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    shots: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp, streamlit_server() as url, chrome(Path(tmp)) as driver:
        driver.get(url)
        wait_for(driver, lambda d: "待整改问题" in body_text(d) and idle(d), 60, "first view")
        time.sleep(2.5)  # charts draw after the run
        shots.append(out_dir / "first-view.png")
        driver.save_screenshot(str(shots[-1]))
        click_tab(driver, "问题列表")
        wait_for(driver, lambda d: "在文档中定位" in body_text(d), 20, "finding panel")
        click_button(driver, "在文档中定位")
        wait_for(driver, lambda d: "已定位到" in body_text(d) and idle(d), 20, "document view")
        time.sleep(1.5)  # the page scrolls to the finding
        shots.append(out_dir / "document-view.png")
        driver.save_screenshot(str(shots[-1]))
        click_tab(driver, "规则库")
        from selenium.webdriver.common.by import By
        from selenium.webdriver.common.keys import Keys

        wait_for(driver, lambda d: "搜索规则" in body_text(d), 20, "rules browser")
        box = next(e for e in driver.find_elements(By.CSS_SELECTOR, "input[type='text']")
                   if "GP-SCALE" in (e.get_attribute("placeholder") or ""))
        box.send_keys("注册资本" + Keys.ENTER)
        wait_for(driver, lambda d: ("审查要点" in body_text(d) or "符合条件 0 条" in body_text(d)) and idle(d), 20,
                 "rule docs")
        time.sleep(1.5)
        shots.append(out_dir / "rules-browser.png")
        driver.save_screenshot(str(shots[-1]))
    return shots


if __name__ == "__main__":
    for p in take_screenshots(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")):
        print(p)
