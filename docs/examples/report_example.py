"""Orders a credit report, waits for it and downloads it, with Python's standard library (3.8+).

    ZHENGXIN_KEY=… ZHENGXIN_SECRET_KEY=… ZHENGXIN_BASE_URL=https://zhengxin.example.com \\
        python3 report_example.py '上海测试科技有限公司' report.pdf
"""
import hashlib
import json
import os
import shutil
import sys
import time
import urllib.parse
import urllib.request

KEY = os.environ["ZHENGXIN_KEY"]
SECRET_KEY = os.environ["ZHENGXIN_SECRET_KEY"]
BASE = os.environ["ZHENGXIN_BASE_URL"]
TRANSIENT = {"199", "203", "122"}


def call(name, params):
    """One signed POST; returns the envelope as a dict."""
    timespan = str(int(time.time()))
    token = hashlib.md5((KEY + timespan + SECRET_KEY).encode("utf-8")).hexdigest().upper()
    body = urllib.parse.urlencode({"key": KEY, **params}).encode("ascii")
    request = urllib.request.Request(
        f"{BASE}/api/yj/Report/{name}",
        data=body,
        headers={"Token": token, "Timespan": timespan, "Content-Type": "application/x-www-form-urlencoded"},
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.load(answer)


def main():
    company = sys.argv[1] if len(sys.argv) > 1 else "上海测试科技有限公司"
    out = sys.argv[2] if len(sys.argv) > 2 else "report.pdf"

    created = call("CreateReport", {"keyNo": company, "reportFormat": "1"})
    if created["Status"] != "200":
        sys.exit(f'CreateReport failed: {created["Status"]} {created["Message"]}')
    order_no = created["Result"]["OrderNo"]
    print(f"ordered {order_no} (charged: keep this number)", file=sys.stderr)

    delay = 1
    while True:
        info = call("GetReportInfo", {"orderNo": order_no})
        if info["Status"] == "200" and info["Result"]["ReportStatus"] != "P":
            break
        if info["Status"] != "200" and info["Status"] not in TRANSIENT:
            sys.exit(f'GetReportInfo failed: {info["Status"]} {info["Message"]}')
        time.sleep(delay)  # pending, or a transient error: ask again later
        delay = min(delay * 2, 15)
    result = info["Result"]
    if result["ReportStatus"] != "S":
        sys.exit(f"report {order_no} failed (the charge is refunded)")

    url = result["ReportUrl"]
    if not url.startswith("http"):
        url = BASE + url  # the server sends a path on its own host
    with urllib.request.urlopen(url, timeout=300) as answer, open(out, "wb") as file:
        shutil.copyfileobj(answer, file)
    print(out)


if __name__ == "__main__":
    main()
