{
  "targets": [
    {
      "target_name": "linkscope_scan",
      "sources": [
        "scan_core.c",
        "scan_dir.c",
        "walk.c",
        "link_at.c",
        "same_bytes.c",
        "read_hash.c",
        "find_dupes.c",
        "list_dir.c",
        "remove_tree.c",
        "copy_file.c",
        "relink_at.c",
        "remove_later.c",
        "link_into.c",
        "retarget_at.c",
        "compare_trees.c",
        "compare_out.c",
        "copy_batch.c",
        "file_io.c",
        "run_threads.c",
        "async_promise.c"
      ],
      "cflags": ["-O2", "-std=c11", "-Wall", "-Wextra", "-pthread"],
      "ldflags": ["-pthread"],
      "xcode_settings": { "OTHER_CFLAGS": ["-O2", "-std=c11", "-Wall"] },
      "defines": ["NAPI_VERSION=8"]
    }
  ]
}
