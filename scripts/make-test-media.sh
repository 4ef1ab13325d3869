#!/usr/bin/env bash
# Generates the frame-accuracy test clips in test/media/. Every frame shows its own 0-based number:
#  - row A (y 8..55): 12 blocks of 24 px from x=16, bit 11 (MSB) on the left, white = 1, black = 0;
#  - row B (y 64..103): the same bits inverted, so a reader can tell a clean decode from a blend;
#  - the number in digits below, for humans.
# Tests decode rows A and B from the pixels of the <video> (drawImage + getImageData).
# Usage: bash scripts/make-test-media.sh [outdir]   (needs ffmpeg with libx264, libvpx-vp9, libx265)
set -euo pipefail
out="${1:-$(dirname "$0")/../test/media}"
mkdir -p "$out"
font=/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf
seconds=4

bit='mod(floor(N/pow(2,11-floor((X-16)/24))),2)'
inside='between(X,16,303)'
lum="if(${inside}*between(Y,8,55),if(${bit},235,16),if(${inside}*between(Y,64,103),if(${bit},16,235),128))"

# bars FPS_EXPR LABEL -> video filter graph for that rate
graph() {
  local text=""
  if [ -f "$font" ]; then
    text=",drawtext=fontfile=${font}:text='%{n}':x=16:y=116:fontsize=48:fontcolor=white,drawtext=fontfile=${font}:text='$2 fps':x=200:y=150:fontsize=16:fontcolor=white"
  fi
  echo "color=c=gray:s=320x180:r=$1:d=${seconds},format=yuv420p,geq=lum='${lum}':cb=128:cr=128${text}"
}

for spec in 24:24 25:25 30000/1001:29.97 24000/1001:23.976; do
  rate="${spec%%:*}"; label="${spec##*:}"; name="bars-${label//./}"
  # H.264 High with 3 B-frames and a 1 s GOP, AAC tone: the usual delivery file of a review.
  ffmpeg -v error -y -f lavfi -i "$(graph "$rate" "$label")" -f lavfi -i "sine=frequency=440:duration=${seconds}" \
    -c:v libx264 -profile:v high -bf 3 -g 24 -crf 20 -pix_fmt yuv420p -c:a aac -b:a 48k -shortest \
    -movflags +faststart "$out/$name.mp4"
  # VP9 WebM (alt-ref frames on), no audio.
  ffmpeg -v error -y -f lavfi -i "$(graph "$rate" "$label")" \
    -c:v libvpx-vp9 -b:v 0 -crf 36 -g 24 -row-mt 1 -deadline good -cpu-used 4 -auto-alt-ref 1 -lag-in-frames 16 "$out/$name.webm"
done

# Variable frame rate: frame n at (n + 0.4 if n % 3 == 0) / 24 s, so intervals are 1.4, 0.6, 1 frame of 24 fps;
# a frame engine must number frames by sample order, not by time (H.264, 3 B-frames, no audio).
ffmpeg -v error -y -f lavfi -i "$(graph 24 vfr)" -vf "settb=1/24000,setpts='N*1000+400*eq(mod(N,3),0)'" \
  -fps_mode passthrough -enc_time_base 1/24000 -video_track_timescale 24000 -c:v libx264 -profile:v high -bf 3 -g 24 -crf 20 -pix_fmt yuv420p \
  -movflags +faststart "$out/vfr-24.mp4"
# Two versions of one shot for <review-compare>: rows A/B hold the frame number as above; row V (y 120..143,
# 4 blocks of 32 px from x=176, MSB left, white = 1) holds the version number, so a test reads which version
# and which frame a side shows. v1 has 72 frames, v2 96: past frame 71 v1 has no frame.
for v in 1 2; do
  frames=$((v == 1 ? 72 : 96))
  vbit="mod(floor(${v}/pow(2,3-floor((X-176)/32))),2)"
  vlum="if(between(X,176,303)*between(Y,120,143),if(${vbit},235,16),${lum})"
  text=""
  if [ -f "$font" ]; then
    text=",drawtext=fontfile=${font}:text='%{n}':x=16:y=116:fontsize=48:fontcolor=white,drawtext=fontfile=${font}:text='v${v}':x=200:y=150:fontsize=16:fontcolor=white"
  fi
  ffmpeg -v error -y -f lavfi -i "color=c=gray:s=320x180:r=24:d=${seconds},format=yuv420p,geq=lum='${vlum}':cb=128:cr=128${text}" \
    -frames:v "$frames" -c:v libx264 -profile:v high -bf 3 -g 24 -crf 20 -pix_fmt yuv420p -movflags +faststart "$out/compare-v${v}-24.mp4"
done
# HEVC: does not decode in Chromium on Linux; the player must show an error, not a black box.
ffmpeg -v error -y -f lavfi -i "$(graph 24 24)" -f lavfi -i "sine=frequency=440:duration=${seconds}" \
  -c:v libx265 -x265-params log-level=error -pix_fmt yuv420p -tag:v hvc1 -c:a aac -b:a 48k -shortest \
  "$out/hevc-24.mp4"
# A still (frame 42's pattern) for the <img> path.
ffmpeg -v error -y -f lavfi -i "$(graph 24 still)" -vf "select=eq(n\,42)" -frames:v 1 "$out/still.png"
# Not media at all: the network answers but nothing decodes.
printf 'this is not a video\n' > "$out/not-a-video.mp4"

for f in "$out"/*.mp4 "$out"/*.webm; do
  n=$(ffprobe -v error -select_streams v:0 -count_frames -show_entries stream=nb_read_frames -of csv=p=0 "$f" 2>/dev/null || true)
  echo "$(basename "$f"): ${n:-?} frames, $(stat -c %s "$f") bytes"
done
