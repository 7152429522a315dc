<?php
// A client in the style of PHP integrations written against the vendor document: parameters go to
// curl as an array in CURLOPT_POSTFIELDS, which makes curl send multipart/form-data (not a
// urlencoded form). Signs as the document says: Token = upper(md5(key + Timespan + SecretKey)).
//
//   ZHENGXIN_KEY=… ZHENGXIN_SECRET_KEY=… ZHENGXIN_BASE_URL=http://127.0.0.1:8080 \
//     php report_client.php '上海测试科技有限公司' out.pdf

$key = getenv('ZHENGXIN_KEY');
$secret = getenv('ZHENGXIN_SECRET_KEY');
$base = getenv('ZHENGXIN_BASE_URL');
if (!$key || !$secret || !$base || $argc !== 3) {
    fwrite(STDERR, "usage: ZHENGXIN_KEY=… ZHENGXIN_SECRET_KEY=… ZHENGXIN_BASE_URL=… php report_client.php COMPANY OUT\n");
    exit(2);
}

function call($name, array $params)
{
    global $key, $secret, $base;
    $timespan = (string) time();
    $token = strtoupper(md5($key . $timespan . $secret));
    $ch = curl_init($base . '/api/yj/Report/' . $name);
    curl_setopt_array($ch, [
        CURLOPT_POST => true,
        CURLOPT_POSTFIELDS => array_merge(['key' => $key], $params),   // an array: multipart/form-data
        CURLOPT_HTTPHEADER => ['Token: ' . $token, 'Timespan: ' . $timespan],
        CURLOPT_RETURNTRANSFER => true,
        CURLOPT_TIMEOUT => 30,
    ]);
    $body = curl_exec($ch);
    if ($body === false) {
        fwrite(STDERR, "$name: " . curl_error($ch) . "\n");
        exit(1);
    }
    curl_close($ch);
    $answer = json_decode($body, true);
    if (!is_array($answer) || ($answer['Status'] ?? null) !== '200') {
        fwrite(STDERR, "$name failed: $body\n");
        exit(1);
    }
    return $answer['Result'];
}

$order = call('CreateReport', ['keyNo' => $argv[1], 'reportFormat' => '1'])['OrderNo'];
fwrite(STDERR, "ordered $order\n");

$delay = 0.5;
do {
    $info = call('GetReportInfo', ['orderNo' => $order]);
    if ($info['ReportStatus'] === 'P') {
        usleep((int) ($delay * 1e6));
        $delay = min($delay * 2, 4);
    }
} while ($info['ReportStatus'] === 'P');
if ($info['ReportStatus'] !== 'S') {
    fwrite(STDERR, "report $order ended {$info['ReportStatus']}\n");
    exit(1);
}

$url = $info['ReportUrl'];
if (strpos($url, 'http') !== 0) {
    $url = $base . $url;
}
$file = fopen($argv[2], 'wb');
$ch = curl_init($url);
curl_setopt_array($ch, [CURLOPT_FILE => $file, CURLOPT_FAILONERROR => true, CURLOPT_TIMEOUT => 300]);
if (!curl_exec($ch)) {
    fwrite(STDERR, 'download: ' . curl_error($ch) . "\n");
    exit(1);
}
curl_close($ch);
fclose($file);
echo $argv[2], "\n";
