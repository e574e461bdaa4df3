{
  "targets": [
    {
      "target_name": "linkscope_scan",
      "sources": ["scan_dir.c"],
      "cflags": ["-O2", "-std=c11", "-Wall", "-Wextra"],
      "xcode_settings": { "OTHER_CFLAGS": ["-O2", "-std=c11", "-Wall"] },
      "defines": ["NAPI_VERSION=8"]
    }
  ]
}
