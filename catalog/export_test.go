package catalog

// FastDecode exposes the fast path of DecodeContent to the tests, which
// compare it with encoding/json.
var FastDecode = fastDecode
