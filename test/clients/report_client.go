// A client in the style of Go integrations written against the vendor document: the URL is built
// by string concatenation, so a Chinese company name goes onto the request line as raw UTF-8
// bytes (net/http sends the query as given). Signs as the document says:
// Token = upper(md5(key + Timespan + SecretKey)), Timespan = Unix seconds.
//
//	ZHENGXIN_KEY=… ZHENGXIN_SECRET_KEY=… ZHENGXIN_BASE_URL=http://127.0.0.1:8080 \
//	  go run report_client.go report '上海测试科技有限公司' out.pdf
//	go run report_client.go details '上海测试科技有限公司'
package main

import (
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"
)

var (
	key    = os.Getenv("ZHENGXIN_KEY")
	secret = os.Getenv("ZHENGXIN_SECRET_KEY")
	base   = os.Getenv("ZHENGXIN_BASE_URL")
)

type envelope struct {
	Status  string          `json:"Status"`
	Message string          `json:"Message"`
	Result  json.RawMessage `json:"Result"`
}

func get(url string) (envelope, error) {
	var answer envelope
	timespan := strconv.FormatInt(time.Now().Unix(), 10)
	sum := md5.Sum([]byte(key + timespan + secret))
	request, err := http.NewRequest("GET", url, nil)
	if err != nil {
		return answer, err
	}
	request.Header.Set("Token", strings.ToUpper(hex.EncodeToString(sum[:])))
	request.Header.Set("Timespan", timespan)
	response, err := http.DefaultClient.Do(request)
	if err != nil {
		return answer, err
	}
	defer response.Body.Close()
	body, err := io.ReadAll(response.Body)
	if err != nil {
		return answer, err
	}
	if err := json.Unmarshal(body, &answer); err != nil {
		return answer, fmt.Errorf("HTTP %d, not an envelope: %s", response.StatusCode, body)
	}
	return answer, nil
}

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	os.Exit(1)
}

func report(company, out string) {
	// Deliberately not url.QueryEscape'd: this is the style that broke.
	created, err := get(base + "/api/yj/Report/CreateReport?key=" + key + "&keyNo=" + company + "&reportFormat=1")
	if err != nil {
		fail("CreateReport: %v", err)
	}
	if created.Status != "200" {
		fail("CreateReport failed: %s %s", created.Status, created.Message)
	}
	var order struct{ OrderNo string }
	json.Unmarshal(created.Result, &order)
	fmt.Fprintf(os.Stderr, "ordered %s\n", order.OrderNo)

	var info struct {
		ReportStatus string
		ReportUrl    *string
	}
	for delay := 500 * time.Millisecond; ; delay *= 2 {
		answer, err := get(base + "/api/yj/Report/GetReportInfo?key=" + key + "&orderNo=" + order.OrderNo)
		if err != nil {
			fail("GetReportInfo: %v", err)
		}
		if answer.Status != "200" {
			fail("GetReportInfo failed: %s %s", answer.Status, answer.Message)
		}
		json.Unmarshal(answer.Result, &info)
		if info.ReportStatus != "P" {
			break
		}
		if delay > 4*time.Second {
			delay = 4 * time.Second
		}
		time.Sleep(delay)
	}
	if info.ReportStatus != "S" || info.ReportUrl == nil {
		fail("report %s ended %s", order.OrderNo, info.ReportStatus)
	}
	url := *info.ReportUrl
	if !strings.HasPrefix(url, "http") {
		url = base + url
	}
	response, err := http.Get(url)
	if err != nil || response.StatusCode != 200 {
		fail("download %s: %v %v", url, err, response)
	}
	defer response.Body.Close()
	file, err := os.Create(out)
	if err != nil {
		fail("%v", err)
	}
	if _, err := io.Copy(file, response.Body); err != nil {
		fail("%v", err)
	}
	file.Close()
	fmt.Println(out)
}

func details(company string) {
	answer, err := get(base + "/ECIV4/GetBasicDetailsByName?key=" + key + "&keyword=" + company)
	if err != nil {
		fail("GetBasicDetailsByName: %v", err)
	}
	if answer.Status != "200" {
		fail("GetBasicDetailsByName failed: %s %s", answer.Status, answer.Message)
	}
	var result struct{ Name, CreditCode string }
	json.Unmarshal(answer.Result, &result)
	fmt.Println(result.Name + " " + result.CreditCode)
}

func main() {
	if key == "" || secret == "" || base == "" {
		fail("set ZHENGXIN_KEY, ZHENGXIN_SECRET_KEY and ZHENGXIN_BASE_URL")
	}
	switch {
	case len(os.Args) == 4 && os.Args[1] == "report":
		report(os.Args[2], os.Args[3])
	case len(os.Args) == 3 && os.Args[1] == "details":
		details(os.Args[2])
	default:
		fail("usage: report_client report COMPANY OUT | details COMPANY")
	}
}
