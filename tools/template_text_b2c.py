"""B2C funnel template texts: English (source), Indonesian, Simplified Chinese."""

TEXTS = [
    ("Simple B2C sales funnel", "Corong penjualan B2C sederhana", "简单的 B2C 销售漏斗"),
    ("Marketing", "Pemasaran", "市场营销"),
    ("Sales rep", "Tenaga penjualan", "销售人员"),
    ("Lead from campaign", "Prospek dari kampanye", "来自营销活动的线索"),
    ("Marketing team", "Tim pemasaran", "营销团队"),
    ("A visitor leaves their contact details: website form, social ad, store event or a call to "
     "the hotline. The lead is created in the CRM automatically.",
     "Pengunjung meninggalkan data kontaknya: formulir situs web, iklan media sosial, acara di "
     "toko, atau telepon ke hotline. Prospek dibuat otomatis di CRM.",
     "访客留下联系方式：网站表单、社交媒体广告、门店活动或拨打热线。线索会自动在 CRM 中创建。"),
    ("Prospecting", "Penjaringan prospek", "潜在客户开发"),
    ("Marketing scores the new lead (source, product of interest, budget hint) and removes "
     "duplicates and fake contacts. Done when the lead is assigned to a sales rep in the CRM.",
     "Tim pemasaran menilai prospek baru (sumber, produk yang diminati, perkiraan anggaran) dan "
     "menghapus data ganda serta kontak palsu. Selesai bila prospek ditetapkan ke tenaga "
     "penjualan di CRM.",
     "营销团队为新线索评分（来源、感兴趣的产品、预算线索），并删除重复和虚假的联系人。"
     "在 CRM 中将线索分配给销售人员即告完成。"),
    ("Qualification call", "Panggilan kualifikasi", "资格审查电话"),
    ("Call the lead within 24 hours. Ask what they need, when they want to buy and what budget "
     "they have in mind; note the answers in the CRM. Done when the call is logged with a "
     "qualification result.",
     "Hubungi prospek dalam 24 jam. Tanyakan kebutuhannya, kapan ingin membeli, dan anggaran "
     "yang direncanakan; catat jawabannya di CRM. Selesai bila panggilan tercatat dengan hasil "
     "kualifikasi.",
     "在 24 小时内致电线索。询问其需求、计划购买时间和预算，并将回答记录在 CRM 中。"
     "通话连同资格审查结果记录在案即告完成。"),
    ("Qualified?", "Memenuhi syarat?", "合格？"),
    ("Yes when the lead has a real need, the budget and wants to buy within a month.",
     "Ya bila prospek punya kebutuhan nyata, anggaran, dan ingin membeli dalam sebulan.",
     "线索有真实需求、有预算并希望在一个月内购买时为“是”。"),
    ("Not qualified", "Tidak memenuhi syarat", "不合格"),
    ("Lead closed as not qualified; marketing may add it to a newsletter list.",
     "Prospek ditutup karena tidak memenuhi syarat; tim pemasaran dapat memasukkannya ke daftar "
     "buletin.",
     "线索因不合格而关闭；营销团队可将其加入新闻通讯名单。"),
    ("Closing", "Penutupan transaksi", "成交"),
    ("Present the offer that fits the need, answer objections, agree on price and payment, send "
     "the order link. Done when the customer pays or clearly says no.",
     "Sampaikan penawaran yang sesuai kebutuhan, jawab keberatan, sepakati harga dan pembayaran, "
     "kirim tautan pesanan. Selesai bila pelanggan membayar atau dengan jelas menolak.",
     "提出符合需求的报价，解答异议，商定价格和付款方式，发送订单链接。客户付款或明确拒绝即告完成。"),
    ("Purchase made?", "Jadi membeli?", "是否购买？"),
    ("Sale lost", "Penjualan gagal", "输单"),
    ("Record the lost reason (price, timing, competitor) in the CRM.",
     "Catat alasan kegagalan (harga, waktu, pesaing) di CRM.",
     "在 CRM 中记录输单原因（价格、时机、竞争对手）。"),
    ("After-sales", "Purnajual", "售后"),
    ("Thank-you message, delivery check and a satisfaction call after one week; offer "
     "accessories and ask for a review or a referral. Done when the satisfaction call is logged.",
     "Pesan terima kasih, pemeriksaan pengiriman, dan panggilan kepuasan setelah satu minggu; "
     "tawarkan aksesori dan minta ulasan atau rujukan. Selesai bila panggilan kepuasan tercatat.",
     "发送感谢信息，确认送货，一周后进行满意度回访；推荐配件，并请客户评价或推荐。"
     "满意度回访记录在案即告完成。"),
    ("Customer won", "Pelanggan didapat", "赢单"),
    ("assigned to a rep", "ditetapkan ke tenaga penjualan", "已分配给销售人员"),
    ("Yes", "Ya", "是"),
    ("No", "Tidak", "否"),
]
