#!/usr/bin/env bash
# Generates the demo media in demo/media (committed; rerun only to change them). Each clip shows its own
# 0-based frame number in big digits over a moving test pattern, so a frame-accurate seek can be checked by
# eye, its version in the top right corner and in the label (the versions of a shot compare side by side:
# each version also moves a small "ship" box, so a difference view shows what changed), and carries a quiet
# sine tone. H.264 yuv420p + faststart (plays and seeks in every browser), 640x360.
# Needs ffmpeg with libx264 and drawtext (Debian: apt-get install -y ffmpeg fonts-dejavu-core).
set -euo pipefail
cd "$(dirname "$0")/../demo/media"
FONT=${FONT:-/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf}
FF=(ffmpeg -hide_banner -loglevel error -y)

# clip <file> <rate> <frames> <background filter> <label> <tone Hz> <version> <ship x>
clip() {
  local file=$1 rate=$2 frames=$3 bg=$4 label=$5 tone=$6 version=$7 shipx=$8
  local secs
  secs=$(awk "BEGIN{print $frames/($rate)+0.5}")
  "${FF[@]}" \
    -f lavfi -i "${bg}:size=640x360:rate=${rate}" \
    -f lavfi -i "sine=frequency=${tone}:sample_rate=48000" \
    -filter_complex "[0:v]drawbox=x=170:y=95:w=300:h=170:color=black@0.55:t=fill,\
drawtext=fontfile=${FONT}:text='%{frame_num}':start_number=0:fontsize=120:fontcolor=white:x=(w-tw)/2:y=(h-th)/2-8,\
drawtext=fontfile=${FONT}:text='frame':fontsize=22:fontcolor=white@0.85:x=(w-tw)/2:y=102,\
drawtext=fontfile=${FONT}:text='${label}':fontsize=20:fontcolor=white:box=1:boxcolor=black@0.6:boxborderw=6:x=12:y=h-th-14,\
drawbox=x=${shipx}:y=290:w=60:h=24:color=0xffcc00:t=fill,\
drawtext=fontfile=${FONT}:text='${version}':fontsize=44:fontcolor=white:box=1:boxcolor=black@0.7:boxborderw=8:x=w-tw-18:y=18[v];\
[1:a]volume=0.15[a]" \
    -map '[v]' -map '[a]' -frames:v "$frames" -t "$secs" \
    -c:v libx264 -preset slow -crf 30 -pix_fmt yuv420p -g 24 -movflags +faststart \
    -c:a aac -b:a 48k -shortest "$file"
  "${FF[@]}" -ss 1 -i "$file" -frames:v 1 -vf scale=320:-2 -q:v 5 "${file%.*}-thumb.jpg"
}

# Shot hm_010_0040: v010 (84 frames), v011, v012; shot hm_020_0110: v002, v003, v004 (demo/fixture.ts).
clip hm_010_0040_v010_24fps.mp4 24 84 testsrc2=alpha=255 'hm_010_0040 v010  24 fps' 440 v010 400
clip hm_010_0040_v011_24fps.mp4 24 96 testsrc2=alpha=255 'hm_010_0040 v011  24 fps' 440 v011 450
clip hm_010_0040_24fps.mp4 24 96 testsrc2=alpha=255 'hm_010_0040 v012  24 fps' 440 v012 500
mandel="mandelbrot=start_scale=3:end_scale=0.3:outer=normalized_iteration_count"
clip hm_020_0110_v002_25fps.mp4 25 100 "$mandel" 'hm_020_0110 v002  25 fps' 523.25 v002 400
clip hm_020_0110_v003_25fps.mp4 25 100 "$mandel" 'hm_020_0110 v003  25 fps' 523.25 v003 450
clip hm_020_0110_25fps.mp4 25 100 "$mandel" 'hm_020_0110 v004  25 fps' 523.25 v004 500
clip hm_030_0020_2997fps.mp4 30000/1001 120 "gradients=speed=0.02:n=3:seed=7" 'hm_030_0020 v007  29.97 fps' 659.25 v007 500

# Key art: one still frame.
"${FF[@]}" -f lavfi -i "gradients=size=640x360:seed=11:n=4:type=radial" -frames:v 1 \
  -vf "drawtext=fontfile=${FONT}:text='HYPERSPACE MADNESS':fontsize=40:fontcolor=white:borderw=3:bordercolor=black@0.6:x=(w-tw)/2:y=(h-th)/2,\
drawtext=fontfile=${FONT}:text='key art  v002':fontsize=20:fontcolor=white:x=(w-tw)/2:y=h/2+40" hm_key_art.png
"${FF[@]}" -i hm_key_art.png -vf scale=320:-2 -q:v 5 hm_key_art-thumb.jpg

# Studio logo: a small transparent mark with the studio's initials.
"${FF[@]}" -f lavfi -i "color=c=0xe4572e@1:size=128x128,format=rgba" -frames:v 1 \
  -vf "geq=r='r(X,Y)':g='g(X,Y)':b='b(X,Y)':a='if(lte(hypot(X-64,Y-64),60),255,0)',\
drawtext=fontfile=${FONT}:text='NP':fontsize=54:fontcolor=white:x=(w-tw)/2:y=(h-th)/2" studio-logo.png

ls -l
