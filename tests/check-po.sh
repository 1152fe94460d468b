#!/bin/sh
# check-po.sh potfiles SOURCE_ROOT
#   Fails when a file with translatable strings is missing from po/POTFILES.in, or when
#   POTFILES.in lists a file that does not exist.
# check-po.sh complete SOURCE_ROOT LANG
#   Extracts the strings of the sources as they are now (as `meson compile variete-pot` does),
#   merges po/LANG.po with them and fails on any untranslated or fuzzy message, or on a broken
#   format string or mnemonic.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

mode=$1
top=$2
cd "$top"

# Keep in line with meson's i18n 'glib' preset (po/meson.build).
xgettext_args='--from-code=UTF-8 --add-comments
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format
  --flag=g_markup_printf_escaped:1:c-format --flag=g_log:3:c-format --flag=g_print:1:c-format
  --flag=g_printerr:1:c-format --flag=g_printf:1:c-format --flag=g_fprintf:2:c-format
  --flag=g_sprintf:2:c-format --flag=g_snprintf:3:c-format'

listed() {
  sed -e 's/#.*//' -e '/^[[:space:]]*$/d' po/POTFILES.in
}

# Files that hold translatable strings. The fake API server answers in the service's English on
# purpose, like the real one: it stays out.
translatable_files() {
  grep -lE '(^|[^A-Za-z0-9_])(_|N_|C_|NC_|gettext|dgettext|dcgettext|ngettext|dngettext|g_dcgettext|g_dngettext|g_dpgettext2)[[:space:]]*\(' \
    src/*.c src/core/*.c | grep -v '^src/core/variete-fake-server' || true
  grep -l 'translatable="yes"' data/ui/*.ui || true
  ls data/*.desktop.in data/*.metainfo.xml.in 2>/dev/null || true
  grep -lE '<(summary|description)>' data/*.gschema.xml || true
}

case $mode in
potfiles)
  status=0
  for file in $(translatable_files); do
    if ! listed | grep -qxF "$file"; then
      echo "po/POTFILES.in misses $file, which has translatable strings" >&2
      status=1
    fi
  done
  for file in $(listed); do
    if [ ! -f "$file" ]; then
      echo "po/POTFILES.in lists $file, which does not exist" >&2
      status=1
    fi
  done
  if [ $status -eq 0 ]; then
    echo "po/POTFILES.in lists all $(translatable_files | wc -l) files with translatable strings" >&2
  fi
  exit $status
  ;;

complete)
  lang=$3
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT

  # shellcheck disable=SC2086
  xgettext --package-name=variete -f po/POTFILES.in -D "$top" -o "$tmp/variete.pot" $xgettext_args
  msgmerge --quiet --no-fuzzy-matching -o "$tmp/$lang.po" "po/$lang.po" "$tmp/variete.pot"
  msgattrib --no-obsolete -o "$tmp/$lang.po" "$tmp/$lang.po"

  statistics=$(LC_ALL=C msgfmt --check --check-accelerators=_ --statistics -o /dev/null \
               "$tmp/$lang.po" 2>&1) || { echo "$statistics" >&2; exit 1; }
  echo "po/$lang.po: $statistics" >&2

  case $statistics in
  *untranslated*|*fuzzy*)
    echo "Messages of the sources that po/$lang.po does not translate yet:" >&2
    msgattrib --untranslated --no-wrap "$tmp/$lang.po" | grep '^msgid ' >&2 || true
    msgattrib --only-fuzzy --no-wrap "$tmp/$lang.po" | grep '^msgid ' >&2 || true
    echo "Update it: meson compile -C <build> variete-pot && msgmerge -U po/$lang.po po/variete.pot" >&2
    exit 1
    ;;
  esac
  ;;

*)
  echo "usage: $0 potfiles SOURCE_ROOT | complete SOURCE_ROOT LANG" >&2
  exit 2
  ;;
esac
