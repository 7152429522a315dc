#!/usr/bin/env bash
# Orders a credit report, waits for it and downloads it, with curl, sed and md5sum only.
#   ZHENGXIN_KEY=… ZHENGXIN_SECRET_KEY=… ZHENGXIN_BASE_URL=https://zhengxin.example.com \
#     bash report.sh '上海测试科技有限公司' report.pdf
# Stops at the first error, printing the server's answer (Status, Message) on stderr.
set -euo pipefail
KEY=${ZHENGXIN_KEY:?set ZHENGXIN_KEY to your key}
SECRET=${ZHENGXIN_SECRET_KEY:?set ZHENGXIN_SECRET_KEY to your SecretKey}
BASE=${ZHENGXIN_BASE_URL:?set ZHENGXIN_BASE_URL, e.g. https://zhengxin.example.com}
COMPANY=${1:-上海测试科技有限公司}
OUT=${2:-report.pdf}

# Token = upper(md5(key + Timespan + SecretKey)); Timespan = Unix seconds. macOS: md5 -q instead of md5sum.
call() {  # call NAME PARAM=VALUE…: one signed POST, prints the JSON answer
  local name=$1; shift
  local ts token args=()
  ts=$(date +%s)
  token=$(printf '%s%s%s' "$KEY" "$ts" "$SECRET" | md5sum | cut -c1-32 | tr a-f A-F)
  for p in "$@"; do args+=(--data-urlencode "$p"); done
  curl -sS --fail -X POST "$BASE/api/yj/Report/$name" -H "Token: $token" -H "Timespan: $ts" \
    --data-urlencode "key=$KEY" "${args[@]}"
}
field() {  # field NAME < answer: the value of a string field of the envelope, or nothing
  sed -n "s/.*\"$1\" *: *\"\([^\"]*\)\".*/\1/p"
}

ANSWER=$(call CreateReport "keyNo=$COMPANY" reportFormat=1)
ORDER=$(field OrderNo <<<"$ANSWER")
[ -n "$ORDER" ] || { echo "CreateReport failed: $ANSWER" >&2; exit 1; }
echo "ordered $ORDER (charged: keep this number)" >&2

DELAY=1
while :; do
  INFO=$(call GetReportInfo "orderNo=$ORDER")
  case "$(field Status <<<"$INFO")" in
    200) STATE=$(field ReportStatus <<<"$INFO"); [ "$STATE" = P ] || break ;;
    199 | 203 | 122) ;;  # transient: ask again later
    *) echo "GetReportInfo failed: $INFO" >&2; exit 1 ;;
  esac
  sleep "$DELAY"; DELAY=$((DELAY < 8 ? DELAY * 2 : 15))
done
[ "$STATE" = S ] || { echo "report $ORDER failed (the charge is refunded): $INFO" >&2; exit 1; }

URL=$(field ReportUrl <<<"$INFO")
case "$URL" in http://* | https://*) ;; *) URL="$BASE$URL" ;; esac
# --fail turns 404/410 into an error; -C - resumes an interrupted download when run again.
curl -sS --fail -C - -o "$OUT" "$URL"
echo "$OUT"
