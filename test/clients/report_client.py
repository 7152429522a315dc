"""A client in the style of Python integrations written against the vendor's open API: `requests`
with `params=` (the query string, also on POST, with no body), the open-API report generation
(`/ReportBase/CreateReport` with `searchKey`), and `ReportUrl` fetched as the absolute URL it is
when the server is configured with its public address. Signs as the document says:
Token = upper(md5(key + Timespan + SecretKey)), Timespan = Unix seconds.

    ZHENGXIN_KEY=… ZHENGXIN_SECRET_KEY=… ZHENGXIN_BASE_URL=http://127.0.0.1:8080 \\
        python3 report_client.py report '上海测试科技有限公司' out.pdf
    python3 report_client.py search 上海测试
"""
import hashlib
import os
import sys
import time

import requests

KEY = os.environ["ZHENGXIN_KEY"]
SECRET_KEY = os.environ["ZHENGXIN_SECRET_KEY"]
BASE = os.environ["ZHENGXIN_BASE_URL"]


def headers():
    timespan = str(int(time.time()))
    token = hashlib.md5((KEY + timespan + SECRET_KEY).encode("utf-8")).hexdigest().upper()
    return {"Token": token, "Timespan": timespan}


def checked(response, what):
    answer = response.json()
    if answer["Status"] != "200":
        sys.exit(f'{what} failed: {answer["Status"]} {answer["Message"]}')
    return answer


def report(company, out):
    created = checked(requests.post(f"{BASE}/ReportBase/CreateReport", params={"key": KEY, "searchKey": company, "reportFormat": 1},
                                    headers=headers(), timeout=30), "CreateReport")
    order_no = created["Result"]["OrderNo"]
    print(f"ordered {order_no}", file=sys.stderr)
    delay = 0.5
    while True:
        info = checked(requests.get(f"{BASE}/ReportBase/GetReportInfo", params={"key": KEY, "orderNo": order_no},
                                    headers=headers(), timeout=30), "GetReportInfo")["Result"]
        if info["ReportStatus"] != "P":
            break
        time.sleep(delay)
        delay = min(delay * 2, 4)
    if info["ReportStatus"] != "S":
        sys.exit(f'report {order_no} ended {info["ReportStatus"]}')
    url = info["ReportUrl"]
    if not url.startswith("http"):
        sys.exit(f"ReportUrl is not absolute: {url}")  # this client, like its models, expects a full URL
    with requests.get(url, stream=True, timeout=300) as response:
        response.raise_for_status()
        with open(out, "wb") as file:
            for chunk in response.iter_content(64 * 1024):
                file.write(chunk)
    print(out)


def search(keyword):
    answer = checked(requests.get(f"{BASE}/FuzzySearch/GetList", params={"key": KEY, "searchKey": keyword, "pageIndex": 1},
                                  headers=headers(), timeout=30), "FuzzySearch/GetList")
    for company in answer["Result"]:
        print(company["Name"], company["CreditCode"])


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "report":
        report(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 3 and sys.argv[1] == "search":
        search(sys.argv[2])
    else:
        sys.exit("usage: report_client.py report COMPANY OUT | search KEYWORD")
