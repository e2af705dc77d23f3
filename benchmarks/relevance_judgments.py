"""Graded relevance judgments over the sample corpus at count=2400, seed=7.

Doc ids are ``"<province>:<resource_id>"``. Grades: 3 = exactly what was asked, 2 = clearly
relevant, 1 = somewhat relevant; unjudged = 0. Judged from the resources' content (titles,
units, keywords, subjects, grades, places, study-tour destinations, base categories), never
from what the engine returns. Static data: regenerate by hand if the corpus generator changes.
"""
from __future__ import annotations

CORPUS = {"count": 2400, "seed": 7}

JUDGMENTS: dict[str, dict[str, int]] = {
    # fraction lessons: 分数 in the title (3), in the unit 分数乘法/分数的初步认识 (2); 百分数 alone is only related (1)
    '分数': {
        "cq:les-2022-01042": 3, "cq:les-2023-00500": 3, "cq:les-2023-01495": 3, "cq:les-2023-01617": 3,
        "cq:les-2023-01816": 3, "cq:les-2025-00389": 3, "sc:les-2021-00527": 3, "sc:les-2021-01534": 3,
        "sc:les-2021-02008": 3, "sc:les-2022-00433": 3, "sc:les-2023-00067": 3, "sc:les-2023-01755": 3,
        "sc:les-2024-00367": 3, "sc:les-2024-00396": 3, "sc:les-2024-01218": 3, "sc:les-2025-00318": 3,
        "cq:les-2025-00849": 2, "sc:les-2023-00194": 2,
    },
    # photosynthesis: title (3), keyword (2), summary mention (1)
    '光合作用': {
        "cq:les-2023-00457": 3, "cq:les-2025-01509": 3, "sc:les-2022-01879": 3, "sc:les-2023-01239": 3,
        "sc:les-2024-00679": 3, "sc:les-2024-00857": 3, "sc:les-2024-01053": 3, "cq:les-2021-00937": 2,
        "cq:les-2022-01680": 2, "cq:les-2023-02049": 2, "cq:les-2024-00405": 2, "cq:les-2024-00951": 2,
        "cq:les-2024-01645": 2, "sc:les-2022-00245": 2, "sc:les-2022-01533": 2, "sc:les-2022-01684": 2,
        "sc:les-2022-01788": 2, "sc:les-2023-00333": 2, "sc:les-2023-01482": 2, "sc:les-2024-00438": 2,
        "sc:les-2024-01001": 2, "sc:les-2024-01304": 2, "sc:les-2025-00395": 2,
    },
    # Ohm's law lessons: title (3), in the unit 第十七章 欧姆定律 (2)
    '欧姆定律': {
        "cq:les-2023-01412": 3, "cq:les-2024-00724": 3, "sc:les-2021-01487": 3, "sc:les-2022-01757": 3,
        "sc:les-2023-00061": 3, "sc:les-2023-00608": 3, "cq:les-2022-01096": 2, "cq:les-2023-00693": 2,
        "cq:les-2023-01348": 2, "cq:les-2023-01708": 2, "cq:les-2023-01812": 2, "cq:les-2024-01826": 2,
        "cq:les-2025-00698": 2, "sc:les-2022-00617": 2,
    },
    # quadratic equations: title (3), unit 第二十一章 (2)
    '一元二次方程': {
        "cq:les-2022-00231": 3, "cq:les-2022-00572": 3, "cq:les-2022-01500": 3, "cq:les-2023-00725": 3,
        "cq:les-2023-00816": 3, "cq:les-2023-01430": 3, "cq:les-2023-01801": 3, "cq:les-2024-00032": 3,
        "cq:les-2024-00198": 3, "cq:les-2024-00308": 3, "cq:les-2024-01339": 3, "sc:les-2022-01057": 3,
        "sc:les-2022-01331": 3, "sc:les-2022-01770": 3, "sc:les-2022-01835": 3, "sc:les-2023-00256": 3,
        "sc:les-2023-01150": 3, "sc:les-2023-01201": 3, "sc:les-2024-00826": 3, "sc:les-2024-01323": 3,
        "sc:les-2024-01891": 3,
    },
    # the 五年级 数学广角 unit: title (3), unit (2)
    '植树问题': {
        "cq:les-2022-00602": 3, "cq:les-2022-00883": 3, "cq:les-2023-00247": 3, "cq:les-2023-00594": 3,
        "cq:les-2023-01436": 3, "cq:les-2024-00729": 3, "cq:les-2024-00976": 3, "cq:les-2024-02032": 3,
        "cq:les-2025-01773": 3, "sc:les-2021-01682": 3, "sc:les-2022-00393": 3, "sc:les-2022-00941": 3,
        "sc:les-2024-00504": 3, "sc:les-2024-01520": 3,
    },
    # Pythagoras: title (3), unit (2)
    '勾股定理': {
        "cq:les-2022-01591": 3, "cq:les-2023-01375": 3, "sc:les-2021-01163": 3, "sc:les-2022-01148": 3,
        "sc:les-2024-00747": 3, "sc:les-2024-01379": 3, "sc:les-2025-01380": 3, "cq:les-2022-00646": 2,
        "sc:les-2023-00441": 2, "sc:les-2023-01548": 2,
    },
    # May Fourth lessons: title (3)
    '五四运动': {
        "cq:les-2022-01742": 3, "cq:les-2022-01851": 3, "cq:les-2024-00138": 3, "sc:les-2022-01616": 3,
        "sc:les-2023-00769": 3, "sc:les-2023-01186": 3, "sc:les-2024-00521": 3,
    },
    # cell biology: title (3), unit/keyword (2), summary (1)
    '细胞': {
        "cq:les-2022-00155": 3, "cq:les-2022-00196": 3, "cq:les-2022-00314": 3, "cq:les-2022-00380": 3,
        "cq:les-2022-00583": 3, "cq:les-2023-00457": 3, "cq:les-2023-00472": 3, "cq:les-2023-00660": 3,
        "cq:les-2023-00713": 3, "cq:les-2023-00968": 3, "cq:les-2024-00814": 3, "cq:les-2024-01336": 3,
        "cq:les-2024-01612": 3, "cq:les-2024-01735": 3, "cq:les-2024-01929": 3, "cq:les-2025-01440": 3,
        "sc:kejian-001": 3, "sc:les-2022-00216": 3, "sc:les-2022-00543": 3, "sc:les-2022-00659": 3,
        "sc:les-2022-00926": 3, "sc:les-2022-01146": 3, "sc:les-2022-01693": 3, "sc:les-2022-01719": 3,
        "sc:les-2022-01879": 3, "sc:les-2023-00011": 3, "sc:les-2023-00243": 3, "sc:les-2023-00403": 3,
        "sc:les-2023-01085": 3, "sc:les-2023-01333": 3, "sc:les-2023-01484": 3, "sc:les-2024-00156": 3,
        "sc:les-2024-00595": 3, "sc:les-2024-01175": 3, "sc:les-2025-00346": 3, "sc:les-2025-01934": 3,
        "cq:les-2023-00582": 2, "cq:les-2025-01540": 2, "sc:les-2024-01053": 2, "sc:les-2024-01911": 2,
    },
    # the two 沁园春 poems: title (3), keyword (2)
    '沁园春': {
        "cq:les-2022-00712": 3, "cq:les-2022-01063": 3, "cq:les-2023-01378": 3, "cq:les-2024-01354": 3,
        "sc:les-2023-00675": 3, "sc:les-2024-00381": 3, "sc:les-2024-01895": 3, "cq:les-2023-00272": 2,
        "cq:les-2023-01650": 2, "cq:les-2025-01400": 2, "sc:les-2022-01237": 2, "sc:les-2022-01623": 2,
        "sc:les-2023-01889": 2, "sc:les-2023-02011": 2,
    },
    # the 四年级 劳动 lesson: title (3)
    '蚕豆的种植': {
        "cq:les-2022-00038": 3, "cq:les-2022-01738": 3, "cq:les-2023-01210": 3, "cq:les-2024-00026": 3,
        "cq:les-2025-00009": 3, "cq:les-2025-00754": 3, "cq:les-2025-01217": 3, "sc:les-2021-00249": 3,
        "sc:les-2021-01518": 3, "sc:les-2021-01580": 3, "sc:les-2022-00116": 3, "sc:les-2022-00800": 3,
        "sc:les-2022-01853": 3, "sc:les-2024-00334": 3, "sc:les-2024-00777": 3, "sc:les-2025-00833": 3,
    },
    # panda bases/courses/tours: title (3), keyword (2), summary (1)
    '大熊猫': {
        "sc:jd-bifengxia": 3, "sc:jd-bifengxia-2": 3, "sc:jd-bifengxia-3": 3, "sc:jd-bifengxia-4": 3,
        "sc:jd-bifengxia-5": 3, "sc:jd-bifengxia-6": 3, "sc:jd-bifengxia-7": 3, "sc:jd-panda": 3,
        "sc:jd-panda-2": 3, "sc:jd-panda-3": 3, "sc:jd-panda-4": 3, "sc:jd-wolong-3": 3,
        "sc:yx-2021-00383": 3, "sc:yx-2021-00650": 3, "sc:yx-2021-01228": 3, "sc:yx-2022-01370": 3,
        "sc:yx-2022-01679": 3, "sc:yx-2023-00491": 3, "sc:yx-2023-00687": 3, "sc:yx-2024-00649": 3,
        "sc:yx-2024-00694": 3, "sc:yx-2024-00730": 3, "sc:yx-2024-01581": 3, "sc:yx-2024-01913": 3,
        "cq:yx-2023-00193": 2, "sc:jd-wolong": 2, "sc:jd-wolong-2": 2, "sc:jd-wolong-4": 2,
        "sc:yx-2023-00960": 2, "sc:yx-2025-00326": 2, "sc:yx-2023-01825": 1, "sc:yx-2024-01884": 1,
    },
    # dinosaur museums and courses: title (3), keyword (2), summary (1)
    '恐龙': {
        "cq:jd-cqzrbwg-4": 3, "cq:jd-qijiangdizhi-3": 3, "sc:jd-cdzrbwg-2": 3, "sc:jd-konglong": 3,
        "sc:yx-2022-00946": 3, "sc:yx-2023-00491": 3, "sc:yx-2024-00975": 3, "cq:jd-cqzrbwg": 2,
        "cq:jd-cqzrbwg-2": 2, "cq:jd-cqzrbwg-3": 2, "cq:jd-cqzrbwg-5": 2, "cq:jd-cqzrbwg-6": 2,
        "cq:jd-qijiangdizhi": 2, "cq:jd-qijiangdizhi-2": 2, "sc:jd-cdzrbwg": 2, "sc:jd-cdzrbwg-3": 2,
        "sc:yx-2024-01320": 2, "cq:yx-2022-00129": 1, "cq:yx-2022-00586": 1, "cq:yx-2022-00781": 1,
        "cq:yx-2022-01007": 1, "cq:yx-2022-01191": 1, "cq:yx-2022-01310": 1, "cq:yx-2022-01459": 1,
        "cq:yx-2022-01550": 1, "cq:yx-2023-00776": 1, "cq:yx-2023-00840": 1, "cq:yx-2023-01026": 1,
        "cq:yx-2023-01701": 1, "cq:yx-2024-00027": 1, "cq:yx-2024-00313": 1, "cq:yx-2024-00362": 1,
        "cq:yx-2024-01289": 1, "cq:yx-2024-01771": 1, "cq:yx-2024-01938": 1, "cq:yx-2025-00234": 1,
        "cq:yx-2025-00689": 1, "sc:yx-2024-01731": 1,
    },
    # earthquake sites and courses: title (3), keyword (2)
    '地震': {
        "sc:jd-beichuan": 3, "sc:jd-beichuan-2": 3, "sc:jd-beichuan-3": 3, "sc:jd-beichuan-4": 3,
        "sc:jd-beichuan-5": 3, "sc:jd-beichuan-6": 3, "sc:jd-beichuan-7": 3, "sc:jd-xuankou": 3,
        "sc:jd-xuankou-2": 3, "sc:jd-xuankou-3": 3, "sc:jd-xuankou-4": 3, "sc:jd-xuankou-5": 3,
        "sc:jd-xuankou-6": 3, "sc:yx-2021-00771": 3, "sc:yx-2021-01681": 3, "sc:yx-2021-01893": 3,
        "sc:yx-2022-00167": 3, "sc:yx-2022-00242": 3, "sc:yx-2023-00212": 3, "sc:yx-2023-00479": 3,
        "sc:yx-2023-01337": 3, "sc:yx-2023-01747": 3, "sc:yx-2024-00268": 3, "sc:yx-2024-00728": 3,
        "sc:yx-2024-00956": 3, "sc:yx-2024-01221": 3, "sc:yx-2025-01643": 3,
    },
    # Long March lessons and sites: title (3), keyword (2)
    '长征': {
        "cq:les-2021-00913": 3, "cq:les-2023-01144": 3, "sc:jd-anshunchang-2": 3, "sc:jd-anshunchang-4": 3,
        "sc:les-2023-00434": 3, "cq:les-2022-01428": 2, "cq:les-2022-01711": 2, "cq:les-2023-01061": 2,
        "cq:les-2023-02053": 2, "sc:jd-anshunchang": 2, "sc:jd-anshunchang-3": 2, "sc:jd-anshunchang-5": 2,
        "sc:les-2023-00836": 2, "sc:les-2024-01760": 2,
    },
    # shadow puppets course at 成都博物馆: title (3), keyword (2)
    '皮影戏': {
        "sc:jd-cdbwg-2": 3, "sc:jd-cdbwg-4": 3, "sc:jd-cdbwg-6": 3, "sc:jd-cdbwg": 2,
        "sc:jd-cdbwg-3": 2, "sc:jd-cdbwg-5": 2,
    },
    # Sichuan opera face-changing course at 湖广会馆: title (3)
    '川剧变脸': {
        "cq:jd-huguanghuiguan-2": 3, "cq:jd-huguanghuiguan-4": 3, "cq:jd-huguanghuiguan-6": 3, "cq:jd-huguanghuiguan": 2,
        "cq:jd-huguanghuiguan-3": 2, "cq:jd-huguanghuiguan-5": 2, "cq:jd-huguanghuiguan-7": 2,
    },
    # quoted phrase: same need as 欧姆定律
    '"欧姆定律"': {
        "cq:les-2023-01412": 3, "cq:les-2024-00724": 3, "sc:les-2021-01487": 3, "sc:les-2022-01757": 3,
        "sc:les-2023-00061": 3, "sc:les-2023-00608": 3, "cq:les-2022-01096": 2, "cq:les-2023-00693": 2,
        "cq:les-2023-01348": 2, "cq:les-2023-01708": 2, "cq:les-2023-01812": 2, "cq:les-2024-01826": 2,
        "cq:les-2025-00698": 2, "sc:les-2022-00617": 2,
    },
    # quoted phrase: linear equations, title (3), unit 第五章 (2)
    '"一元一次方程"': {
        "cq:les-2022-00282": 3, "cq:les-2022-01641": 3, "cq:les-2023-00366": 3, "cq:les-2023-00496": 3,
        "cq:les-2023-00599": 3, "cq:les-2023-01990": 3, "cq:les-2023-02039": 3, "cq:les-2024-01043": 3,
        "cq:les-2024-01989": 3, "cq:les-2025-01109": 3, "cq:les-2025-01437": 3, "sc:les-2021-00859": 3,
        "sc:les-2022-00237": 3, "sc:les-2022-00266": 3, "sc:les-2022-00706": 3, "sc:les-2022-00768": 3,
        "sc:les-2022-00873": 3, "sc:les-2022-01203": 3, "sc:les-2022-01855": 3, "sc:les-2023-00100": 3,
        "sc:les-2023-00178": 3, "sc:les-2023-00681": 3, "sc:les-2024-00059": 3, "sc:les-2024-00203": 3,
        "sc:les-2024-00663": 3, "sc:les-2024-01111": 3, "sc:les-2024-01288": 3, "sc:les-2024-01384": 3,
        "sc:les-2024-01394": 3, "sc:les-2024-01655": 3, "sc:les-2024-01909": 3, "sc:les-2024-02017": 3,
        "sc:les-2025-00225": 3, "sc:les-2025-00260": 3, "sc:les-2025-00651": 3, "cq:les-2024-00384": 2,
    },
    # quoted phrase: graphical programming, title (3), unit 第一单元 图形化编程 (2)
    '"图形化编程"': {
        "cq:les-2022-00955": 3, "cq:les-2023-00087": 3, "cq:les-2024-01547": 3, "sc:les-2022-00605": 3,
        "sc:les-2022-01052": 3, "sc:les-2022-01530": 3, "sc:les-2023-01034": 3, "sc:les-2023-01321": 3,
        "sc:les-2024-00376": 3, "sc:les-2024-00637": 3, "sc:les-2024-00866": 3, "cq:les-2022-00060": 2,
        "cq:les-2022-00979": 2, "cq:les-2022-01707": 2, "cq:les-2023-00280": 2, "cq:les-2023-00697": 2,
        "cq:les-2023-00819": 2, "cq:les-2023-01432": 2, "cq:les-2024-00460": 2, "cq:les-2024-00613": 2,
        "cq:les-2024-01821": 2, "cq:les-2025-00289": 2, "cq:les-2025-00435": 2, "sc:les-2022-00797": 2,
        "sc:les-2022-01033": 2, "sc:les-2022-01604": 2, "sc:les-2023-00255": 2, "sc:les-2023-00317": 2,
        "sc:les-2023-01135": 2, "sc:les-2023-01290": 2, "sc:les-2023-01531": 2, "sc:les-2023-01762": 2,
        "sc:les-2024-00019": 2, "sc:les-2024-00166": 2, "sc:les-2024-00188": 2, "sc:les-2024-01054": 2,
        "sc:les-2024-01206": 2, "sc:les-2025-00632": 2, "sc:les-2025-00950": 2,
    },
    # quoted phrase: the 武侯祠 recitation course names it in the title (3), tours/summaries mention it
    '"出师表"': {
        "sc:jd-wuhouci-3": 3, "sc:jd-wuhouci-5": 3, "sc:jd-wuhouci": 2, "sc:jd-wuhouci-2": 2,
        "sc:jd-wuhouci-4": 2, "sc:jd-wuhouci-6": 2, "sc:yx-2022-01092": 1, "sc:yx-2022-01358": 1,
        "sc:yx-2023-00480": 1, "sc:yx-2023-01307": 1, "sc:yx-2024-00347": 1, "sc:yx-2024-01528": 1,
    },
    # full pinyin of 分数: same need as 分数
    'fenshu': {
        "cq:les-2022-01042": 3, "cq:les-2023-00500": 3, "cq:les-2023-01495": 3, "cq:les-2023-01617": 3,
        "cq:les-2023-01816": 3, "cq:les-2025-00389": 3, "sc:les-2021-00527": 3, "sc:les-2021-01534": 3,
        "sc:les-2021-02008": 3, "sc:les-2022-00433": 3, "sc:les-2023-00067": 3, "sc:les-2023-01755": 3,
        "sc:les-2024-00367": 3, "sc:les-2024-00396": 3, "sc:les-2024-01218": 3, "sc:les-2025-00318": 3,
        "cq:les-2025-00849": 2, "sc:les-2023-00194": 2,
    },
    # full pinyin of 光合作用
    'guanghezuoyong': {
        "cq:les-2023-00457": 3, "cq:les-2025-01509": 3, "sc:les-2022-01879": 3, "sc:les-2023-01239": 3,
        "sc:les-2024-00679": 3, "sc:les-2024-00857": 3, "sc:les-2024-01053": 3, "cq:les-2021-00937": 2,
        "cq:les-2022-01680": 2, "cq:les-2023-02049": 2, "cq:les-2024-00405": 2, "cq:les-2024-00951": 2,
        "cq:les-2024-01645": 2, "sc:les-2022-00245": 2, "sc:les-2022-01533": 2, "sc:les-2022-01684": 2,
        "sc:les-2022-01788": 2, "sc:les-2023-00333": 2, "sc:les-2023-01482": 2, "sc:les-2024-00438": 2,
        "sc:les-2024-01001": 2, "sc:les-2024-01304": 2, "sc:les-2025-00395": 2,
    },
    # full pinyin of 欧姆定律 (lv for lü)
    'oumudinglv': {
        "cq:les-2023-01412": 3, "cq:les-2024-00724": 3, "sc:les-2021-01487": 3, "sc:les-2022-01757": 3,
        "sc:les-2023-00061": 3, "sc:les-2023-00608": 3, "cq:les-2022-01096": 2, "cq:les-2023-00693": 2,
        "cq:les-2023-01348": 2, "cq:les-2023-01708": 2, "cq:les-2023-01812": 2, "cq:les-2024-01826": 2,
        "cq:les-2025-00698": 2, "sc:les-2022-00617": 2,
    },
    # full pinyin of 大熊猫
    'daxiongmao': {
        "sc:jd-bifengxia": 3, "sc:jd-bifengxia-2": 3, "sc:jd-bifengxia-3": 3, "sc:jd-bifengxia-4": 3,
        "sc:jd-bifengxia-5": 3, "sc:jd-bifengxia-6": 3, "sc:jd-bifengxia-7": 3, "sc:jd-panda": 3,
        "sc:jd-panda-2": 3, "sc:jd-panda-3": 3, "sc:jd-panda-4": 3, "sc:jd-wolong-3": 3,
        "sc:yx-2021-00383": 3, "sc:yx-2021-00650": 3, "sc:yx-2021-01228": 3, "sc:yx-2022-01370": 3,
        "sc:yx-2022-01679": 3, "sc:yx-2023-00491": 3, "sc:yx-2023-00687": 3, "sc:yx-2024-00649": 3,
        "sc:yx-2024-00694": 3, "sc:yx-2024-00730": 3, "sc:yx-2024-01581": 3, "sc:yx-2024-01913": 3,
        "cq:yx-2023-00193": 2, "sc:jd-wolong": 2, "sc:jd-wolong-2": 2, "sc:jd-wolong-4": 2,
        "sc:yx-2023-00960": 2, "sc:yx-2025-00326": 2, "sc:yx-2023-01825": 1, "sc:yx-2024-01884": 1,
    },
    # full pinyin of 恐龙
    'konglong': {
        "cq:jd-cqzrbwg-4": 3, "cq:jd-qijiangdizhi-3": 3, "sc:jd-cdzrbwg-2": 3, "sc:jd-konglong": 3,
        "sc:yx-2022-00946": 3, "sc:yx-2023-00491": 3, "sc:yx-2024-00975": 3, "cq:jd-cqzrbwg": 2,
        "cq:jd-cqzrbwg-2": 2, "cq:jd-cqzrbwg-3": 2, "cq:jd-cqzrbwg-5": 2, "cq:jd-cqzrbwg-6": 2,
        "cq:jd-qijiangdizhi": 2, "cq:jd-qijiangdizhi-2": 2, "sc:jd-cdzrbwg": 2, "sc:jd-cdzrbwg-3": 2,
        "sc:yx-2024-01320": 2, "cq:yx-2022-00129": 1, "cq:yx-2022-00586": 1, "cq:yx-2022-00781": 1,
        "cq:yx-2022-01007": 1, "cq:yx-2022-01191": 1, "cq:yx-2022-01310": 1, "cq:yx-2022-01459": 1,
        "cq:yx-2022-01550": 1, "cq:yx-2023-00776": 1, "cq:yx-2023-00840": 1, "cq:yx-2023-01026": 1,
        "cq:yx-2023-01701": 1, "cq:yx-2024-00027": 1, "cq:yx-2024-00313": 1, "cq:yx-2024-00362": 1,
        "cq:yx-2024-01289": 1, "cq:yx-2024-01771": 1, "cq:yx-2024-01938": 1, "cq:yx-2025-00234": 1,
        "cq:yx-2025-00689": 1, "sc:yx-2024-01731": 1,
    },
    # full pinyin of 植树问题
    'zhishuwenti': {
        "cq:les-2022-00602": 3, "cq:les-2022-00883": 3, "cq:les-2023-00247": 3, "cq:les-2023-00594": 3,
        "cq:les-2023-01436": 3, "cq:les-2024-00729": 3, "cq:les-2024-00976": 3, "cq:les-2024-02032": 3,
        "cq:les-2025-01773": 3, "sc:les-2021-01682": 3, "sc:les-2022-00393": 3, "sc:les-2022-00941": 3,
        "sc:les-2024-00504": 3, "sc:les-2024-01520": 3,
    },
    # initials of 光合作用
    'ghzy': {
        "cq:les-2023-00457": 3, "cq:les-2025-01509": 3, "sc:les-2022-01879": 3, "sc:les-2023-01239": 3,
        "sc:les-2024-00679": 3, "sc:les-2024-00857": 3, "sc:les-2024-01053": 3, "cq:les-2021-00937": 2,
        "cq:les-2022-01680": 2, "cq:les-2023-02049": 2, "cq:les-2024-00405": 2, "cq:les-2024-00951": 2,
        "cq:les-2024-01645": 2, "sc:les-2022-00245": 2, "sc:les-2022-01533": 2, "sc:les-2022-01684": 2,
        "sc:les-2022-01788": 2, "sc:les-2023-00333": 2, "sc:les-2023-01482": 2, "sc:les-2024-00438": 2,
        "sc:les-2024-01001": 2, "sc:les-2024-01304": 2, "sc:les-2025-00395": 2,
    },
    # initials of 欧姆定律
    'omdl': {
        "cq:les-2023-01412": 3, "cq:les-2024-00724": 3, "sc:les-2021-01487": 3, "sc:les-2022-01757": 3,
        "sc:les-2023-00061": 3, "sc:les-2023-00608": 3, "cq:les-2022-01096": 2, "cq:les-2023-00693": 2,
        "cq:les-2023-01348": 2, "cq:les-2023-01708": 2, "cq:les-2023-01812": 2, "cq:les-2024-01826": 2,
        "cq:les-2025-00698": 2, "sc:les-2022-00617": 2,
    },
    # initials of 大熊猫
    'dxm': {
        "sc:jd-bifengxia": 3, "sc:jd-bifengxia-2": 3, "sc:jd-bifengxia-3": 3, "sc:jd-bifengxia-4": 3,
        "sc:jd-bifengxia-5": 3, "sc:jd-bifengxia-6": 3, "sc:jd-bifengxia-7": 3, "sc:jd-panda": 3,
        "sc:jd-panda-2": 3, "sc:jd-panda-3": 3, "sc:jd-panda-4": 3, "sc:jd-wolong-3": 3,
        "sc:yx-2021-00383": 3, "sc:yx-2021-00650": 3, "sc:yx-2021-01228": 3, "sc:yx-2022-01370": 3,
        "sc:yx-2022-01679": 3, "sc:yx-2023-00491": 3, "sc:yx-2023-00687": 3, "sc:yx-2024-00649": 3,
        "sc:yx-2024-00694": 3, "sc:yx-2024-00730": 3, "sc:yx-2024-01581": 3, "sc:yx-2024-01913": 3,
        "cq:yx-2023-00193": 2, "sc:jd-wolong": 2, "sc:jd-wolong-2": 2, "sc:jd-wolong-4": 2,
        "sc:yx-2023-00960": 2, "sc:yx-2025-00326": 2, "sc:yx-2023-01825": 1, "sc:yx-2024-01884": 1,
    },
    # initials of 勾股定理
    'ggdl': {
        "cq:les-2022-01591": 3, "cq:les-2023-01375": 3, "sc:les-2021-01163": 3, "sc:les-2022-01148": 3,
        "sc:les-2024-00747": 3, "sc:les-2024-01379": 3, "sc:les-2025-01380": 3, "cq:les-2022-00646": 2,
        "sc:les-2023-00441": 2, "sc:les-2023-01548": 2,
    },
    # third-grade fractions (第八单元 分数的初步认识) are exactly it (3); sixth-grade fraction lessons only clearly relevant (1-2)
    '三年级 分数': {
        "cq:les-2025-00849": 3, "sc:les-2021-01534": 3, "sc:les-2021-02008": 3, "sc:les-2023-00194": 3,
        "cq:les-2022-01042": 1, "cq:les-2023-00500": 1, "cq:les-2023-01041": 1, "cq:les-2023-01242": 1,
        "cq:les-2023-01495": 1, "cq:les-2023-01617": 1, "cq:les-2023-01816": 1, "cq:les-2024-01662": 1,
        "cq:les-2024-01705": 1, "cq:les-2025-00389": 1, "sc:les-2021-00527": 1, "sc:les-2022-00433": 1,
        "sc:les-2023-00067": 1, "sc:les-2023-01257": 1, "sc:les-2023-01755": 1, "sc:les-2024-00367": 1,
        "sc:les-2024-00396": 1, "sc:les-2024-01218": 1, "sc:les-2025-00318": 1,
    },
    # sixth-grade fraction lessons (3); other-grade fraction lessons (1)
    '六年级 分数': {
        "cq:les-2022-01042": 3, "cq:les-2023-00500": 3, "cq:les-2023-01041": 3, "cq:les-2023-01242": 3,
        "cq:les-2023-01495": 3, "cq:les-2023-01617": 3, "cq:les-2023-01816": 3, "cq:les-2024-01662": 3,
        "cq:les-2024-01705": 3, "cq:les-2025-00389": 3, "sc:les-2021-00527": 3, "sc:les-2022-00433": 3,
        "sc:les-2023-00067": 3, "sc:les-2023-01257": 3, "sc:les-2023-01755": 3, "sc:les-2024-00367": 3,
        "sc:les-2024-00396": 3, "sc:les-2024-01218": 3, "sc:les-2025-00318": 3, "cq:les-2025-00849": 1,
        "sc:les-2021-01534": 1, "sc:les-2021-02008": 1, "sc:les-2023-00194": 1,
    },
    # eighth-grade Pythagoras (3)
    '八年级 勾股定理': {
        "cq:les-2022-00646": 3, "cq:les-2022-01591": 3, "cq:les-2023-01375": 3, "sc:les-2021-01163": 3,
        "sc:les-2022-01148": 3, "sc:les-2023-00441": 3, "sc:les-2023-01548": 3, "sc:les-2024-00747": 3,
        "sc:les-2024-01379": 3, "sc:les-2025-01380": 3,
    },
    # ninth-grade Ohm's law (3)
    '九年级 欧姆定律': {
        "cq:les-2022-01096": 3, "cq:les-2023-00693": 3, "cq:les-2023-01348": 3, "cq:les-2023-01412": 3,
        "cq:les-2023-01708": 3, "cq:les-2023-01812": 3, "cq:les-2024-00724": 3, "cq:les-2024-01826": 3,
        "cq:les-2025-00698": 3, "sc:les-2021-01487": 3, "sc:les-2022-00617": 3, "sc:les-2022-01757": 3,
        "sc:les-2023-00061": 3, "sc:les-2023-00608": 3,
    },
    # seventh-grade photosynthesis (3); 高一 必修1 ones (1)
    '七年级 光合作用': {
        "cq:les-2021-00937": 3, "cq:les-2022-01680": 3, "cq:les-2023-02049": 3, "cq:les-2024-00405": 3,
        "cq:les-2024-00951": 3, "cq:les-2024-01645": 3, "cq:les-2025-01509": 3, "sc:les-2022-00245": 3,
        "sc:les-2022-01533": 3, "sc:les-2022-01684": 3, "sc:les-2022-01788": 3, "sc:les-2023-00333": 3,
        "sc:les-2023-01239": 3, "sc:les-2023-01482": 3, "sc:les-2024-00438": 3, "sc:les-2024-00679": 3,
        "sc:les-2024-00857": 3, "sc:les-2024-01001": 3, "sc:les-2024-01304": 3, "sc:les-2025-00395": 3,
        "cq:les-2023-00457": 1, "sc:les-2022-01879": 1, "sc:les-2024-01053": 1,
    },
    # red-culture resources in Chengdu: bases there, tours visiting a 成都… destination (3); red culture elsewhere (1)
    '成都 红色文化': {
        "cq:yx-2023-01046": 3, "sc:yx-2023-01385": 3, "sc:yx-2024-00778": 3, "sc:yx-2024-01382": 3,
        "sc:yx-2025-01910": 3, "cq:yx-2021-00020": 1, "cq:yx-2021-00301": 1, "cq:yx-2021-01240": 1,
        "cq:yx-2021-01397": 1, "cq:yx-2021-01671": 1, "cq:yx-2021-01837": 1, "cq:yx-2021-02001": 1,
        "cq:yx-2022-00509": 1, "cq:yx-2022-00604": 1, "cq:yx-2022-00760": 1, "cq:yx-2022-00888": 1,
        "cq:yx-2022-00891": 1, "cq:yx-2022-01017": 1, "cq:yx-2022-01037": 1, "cq:yx-2022-01931": 1,
        "cq:yx-2022-01976": 1, "cq:yx-2023-00030": 1, "cq:yx-2023-00172": 1, "cq:yx-2023-00350": 1,
        "cq:yx-2023-00798": 1, "cq:yx-2023-00807": 1, "cq:yx-2023-00906": 1, "cq:yx-2023-01073": 1,
        "cq:yx-2023-01387": 1, "cq:yx-2023-01807": 1, "cq:yx-2023-01939": 1, "cq:yx-2024-00140": 1,
        "cq:yx-2024-00574": 1, "cq:yx-2024-00842": 1, "cq:yx-2024-00923": 1, "cq:yx-2024-01134": 1,
        "cq:yx-2024-01244": 1, "cq:yx-2024-01469": 1, "cq:yx-2024-01570": 1, "cq:yx-2024-01839": 1,
        "cq:yx-2025-00165": 1, "cq:yx-2025-00869": 1, "cq:yx-2025-01950": 1, "sc:yx-2021-01014": 1,
        "sc:yx-2022-00125": 1, "sc:yx-2022-00739": 1, "sc:yx-2022-01230": 1, "sc:yx-2022-01906": 1,
        "sc:yx-2023-00253": 1, "sc:yx-2023-01329": 1, "sc:yx-2023-01579": 1, "sc:yx-2023-02042": 1,
        "sc:yx-2024-00023": 1, "sc:yx-2024-00580": 1, "sc:yx-2024-00796": 1, "sc:yx-2024-01296": 1,
        "sc:yx-2024-01697": 1, "sc:yx-2025-01972": 1,
    },
    # red-culture resources in Chongqing: bases there, tours visiting a 重庆… destination (3); elsewhere (1)
    '重庆 红色文化': {
        "cq:yx-2021-00020": 3, "cq:yx-2021-00301": 3, "cq:yx-2021-01240": 3, "cq:yx-2021-01397": 3,
        "cq:yx-2021-01671": 3, "cq:yx-2021-01837": 3, "cq:yx-2021-02001": 3, "cq:yx-2022-00509": 3,
        "cq:yx-2022-00604": 3, "cq:yx-2022-00760": 3, "cq:yx-2022-00888": 3, "cq:yx-2022-00891": 3,
        "cq:yx-2022-01017": 3, "cq:yx-2022-01037": 3, "cq:yx-2022-01931": 3, "cq:yx-2022-01976": 3,
        "cq:yx-2023-00030": 3, "cq:yx-2023-00172": 3, "cq:yx-2023-00350": 3, "cq:yx-2023-00798": 3,
        "cq:yx-2023-00807": 3, "cq:yx-2023-00906": 3, "cq:yx-2023-01046": 3, "cq:yx-2023-01073": 3,
        "cq:yx-2023-01387": 3, "cq:yx-2023-01807": 3, "cq:yx-2023-01939": 3, "cq:yx-2024-00140": 3,
        "cq:yx-2024-00574": 3, "cq:yx-2024-00842": 3, "cq:yx-2024-00923": 3, "cq:yx-2024-01134": 3,
        "cq:yx-2024-01244": 3, "cq:yx-2024-01469": 3, "cq:yx-2024-01570": 3, "cq:yx-2024-01839": 3,
        "cq:yx-2025-00165": 3, "cq:yx-2025-00869": 3, "cq:yx-2025-01950": 3, "sc:yx-2022-00739": 3,
        "sc:yx-2024-01296": 3, "sc:yx-2025-01972": 3, "sc:yx-2021-01014": 1, "sc:yx-2022-00125": 1,
        "sc:yx-2022-01230": 1, "sc:yx-2022-01906": 1, "sc:yx-2023-00253": 1, "sc:yx-2023-01329": 1,
        "sc:yx-2023-01385": 1, "sc:yx-2023-01579": 1, "sc:yx-2023-02042": 1, "sc:yx-2024-00023": 1,
        "sc:yx-2024-00580": 1, "sc:yx-2024-00778": 1, "sc:yx-2024-00796": 1, "sc:yx-2024-01382": 1,
        "sc:yx-2024-01697": 1, "sc:yx-2025-01910": 1,
    },
    # Chongqing practice bases of category 科普教育基地 (3); 科普 bases elsewhere (1)
    '重庆 科普基地': {
        "cq:jd-baiheliang": 3, "cq:jd-baiheliang-2": 3, "cq:jd-baiheliang-3": 3, "cq:jd-baiheliang-4": 3,
        "cq:jd-cqkjg": 3, "cq:jd-cqkjg-2": 3, "cq:jd-cqkjg-3": 3, "cq:jd-cqkjg-4": 3,
        "cq:jd-cqkjg-5": 3, "cq:jd-cqkjg-6": 3, "cq:jd-cqzrbwg": 3, "cq:jd-cqzrbwg-2": 3,
        "cq:jd-cqzrbwg-3": 3, "cq:jd-cqzrbwg-4": 3, "cq:jd-cqzrbwg-5": 3, "cq:jd-cqzrbwg-6": 3,
        "cq:jd-nanshanzwy": 3, "cq:jd-nanshanzwy-2": 3, "cq:jd-nanshanzwy-3": 3, "cq:jd-nanshanzwy-4": 3,
        "cq:jd-nanshanzwy-5": 3, "cq:jd-nanshanzwy-6": 3, "cq:jd-nanshanzwy-7": 3, "cq:jd-qijiangdizhi": 3,
        "cq:jd-qijiangdizhi-2": 3, "cq:jd-qijiangdizhi-3": 3, "sc:jd-beichuan": 1, "sc:jd-beichuan-2": 1,
        "sc:jd-beichuan-3": 1, "sc:jd-beichuan-4": 1, "sc:jd-beichuan-5": 1, "sc:jd-beichuan-6": 1,
        "sc:jd-beichuan-7": 1, "sc:jd-bifengxia": 1, "sc:jd-bifengxia-2": 1, "sc:jd-bifengxia-3": 1,
        "sc:jd-bifengxia-4": 1, "sc:jd-bifengxia-5": 1, "sc:jd-bifengxia-6": 1, "sc:jd-bifengxia-7": 1,
        "sc:jd-cdzrbwg": 1, "sc:jd-cdzrbwg-2": 1, "sc:jd-cdzrbwg-3": 1, "sc:jd-hailuogou": 1,
        "sc:jd-hailuogou-2": 1, "sc:jd-huanglong": 1, "sc:jd-huanglong-2": 1, "sc:jd-konglong": 1,
        "sc:jd-panda": 1, "sc:jd-panda-2": 1, "sc:jd-panda-3": 1, "sc:jd-panda-4": 1,
        "sc:jd-sckjg": 1, "sc:jd-sckjg-2": 1, "sc:jd-sckjg-3": 1, "sc:jd-sckjg-4": 1,
        "sc:jd-sckjg-5": 1, "sc:jd-wolong": 1, "sc:jd-wolong-2": 1, "sc:jd-wolong-3": 1,
        "sc:jd-wolong-4": 1, "sc:jd-xichang": 1, "sc:jd-xichang-2": 1, "sc:jd-xichang-3": 1,
        "sc:jd-xuankou": 1, "sc:jd-xuankou-2": 1, "sc:jd-xuankou-3": 1, "sc:jd-xuankou-4": 1,
        "sc:jd-xuankou-5": 1, "sc:jd-xuankou-6": 1,
    },
    # intangible-heritage resources in Chengdu: bases there, tours visiting a 成都… destination (3); elsewhere (1)
    '成都 非遗': {
        "cq:yx-2024-00278": 3, "sc:yx-2021-00315": 3, "sc:yx-2021-01513": 3, "sc:yx-2022-00397": 3,
        "sc:yx-2022-00407": 3, "sc:yx-2022-00430": 3, "sc:yx-2022-00442": 3, "sc:yx-2022-00940": 3,
        "sc:yx-2022-01143": 3, "sc:yx-2022-01207": 3, "sc:yx-2022-01212": 3, "sc:yx-2022-01940": 3,
        "sc:yx-2023-00034": 3, "sc:yx-2023-00446": 3, "sc:yx-2023-01404": 3, "sc:yx-2023-01539": 3,
        "sc:yx-2023-01545": 3, "sc:yx-2023-01942": 3, "sc:yx-2023-01982": 3, "sc:yx-2024-00161": 3,
        "sc:yx-2024-00945": 3, "sc:yx-2024-00983": 3, "sc:yx-2024-01117": 3, "sc:yx-2024-01451": 3,
        "sc:yx-2024-01555": 3, "sc:yx-2024-01944": 3, "sc:yx-2025-01022": 3, "sc:yx-2025-01214": 3,
        "sc:yx-2025-01519": 3, "cq:yx-2021-00933": 1, "cq:yx-2021-01696": 1, "cq:yx-2023-01315": 1,
        "cq:yx-2023-01567": 1, "cq:yx-2024-00487": 1, "cq:yx-2025-00229": 1, "sc:yx-2022-01220": 1,
        "sc:yx-2022-01450": 1, "sc:yx-2023-01081": 1, "sc:yx-2024-00303": 1,
    },
    # base name: the base itself (3), its courses and tours visiting it (2)
    '渣滓洞': {
        "cq:jd-zhazidong": 3, "cq:jd-zhazidong-2": 2, "cq:jd-zhazidong-3": 2, "cq:jd-zhazidong-4": 2,
        "cq:jd-zhazidong-5": 2, "cq:jd-zhazidong-6": 2, "cq:jd-zhazidong-7": 2, "cq:jd-zhazidong-8": 2,
        "cq:yx-2021-01397": 2, "cq:yx-2021-01837": 2, "cq:yx-2022-00509": 2, "cq:yx-2022-00604": 2,
        "cq:yx-2022-00888": 2, "cq:yx-2022-01017": 2, "cq:yx-2023-00172": 2, "cq:yx-2023-00350": 2,
        "cq:yx-2023-00798": 2, "cq:yx-2023-01073": 2, "cq:yx-2023-01807": 2, "cq:yx-2023-01939": 2,
        "cq:yx-2024-00923": 2, "cq:yx-2024-01134": 2, "cq:yx-2025-00165": 2, "cq:yx-2025-01950": 2,
    },
    # base name: the base (3), its courses and tours (2)
    '成都武侯祠博物馆': {
        "sc:jd-wuhouci": 3, "sc:jd-wuhouci-2": 2, "sc:jd-wuhouci-3": 2, "sc:jd-wuhouci-4": 2,
        "sc:jd-wuhouci-5": 2, "sc:jd-wuhouci-6": 2, "sc:yx-2022-01092": 2, "sc:yx-2022-01358": 2,
        "sc:yx-2023-00480": 2, "sc:yx-2023-01307": 2, "sc:yx-2024-00347": 2, "sc:yx-2024-01528": 2,
    },
    # base name
    '都江堰水利工程': {
        "sc:jd-dujiangyan": 3, "sc:yx-2021-00771": 2, "sc:yx-2022-00890": 2, "sc:yx-2023-00212": 2,
        "sc:yx-2023-00479": 2, "sc:yx-2023-00480": 2, "sc:yx-2023-01122": 2, "sc:yx-2023-01747": 2,
        "sc:yx-2025-01208": 2, "sc:yx-2025-01335": 2, "sc:yx-2025-01670": 2,
    },
    # base name
    '三星堆博物馆': {
        "sc:jd-sanxingdui": 3, "sc:jd-sanxingdui-2": 2, "sc:yx-2023-01341": 2, "sc:yx-2023-01956": 2,
        "sc:yx-2024-00352": 2,
    },
    # base name
    '白鹤梁水下博物馆': {
        "cq:jd-baiheliang": 3, "cq:jd-baiheliang-2": 2, "cq:jd-baiheliang-3": 2, "cq:jd-baiheliang-4": 2,
        "cq:yx-2022-00129": 2, "cq:yx-2022-00745": 2, "cq:yx-2022-01007": 2, "cq:yx-2022-01569": 2,
        "cq:yx-2023-00218": 2, "cq:yx-2023-00840": 2, "cq:yx-2024-00027": 2, "cq:yx-2024-00313": 2,
        "cq:yx-2024-00362": 2, "cq:yx-2024-00415": 2, "cq:yx-2024-01289": 2, "cq:yx-2024-01771": 2,
        "cq:yx-2025-00625": 2,
    },
    # study tours to 九寨沟 (3); the base (2)
    '九寨沟 研学': {
        "cq:yx-2022-01164": 3, "sc:yx-2022-00340": 3, "sc:yx-2022-00785": 3, "sc:yx-2022-01370": 3,
        "sc:yx-2023-00491": 3, "sc:yx-2023-01447": 3, "sc:yx-2024-00730": 3, "sc:yx-2024-01320": 3,
        "sc:yx-2024-01688": 3, "sc:yx-2024-01731": 3, "sc:yx-2025-00326": 3, "sc:yx-2025-00559": 3,
        "sc:yx-2025-01335": 3, "sc:jd-jiuzhaigou": 2,
    },
    # study tours to 大足石刻 (3); the base and its courses (2)
    '大足石刻 研学': {
        "cq:yx-2021-00209": 3, "cq:yx-2021-00394": 3, "cq:yx-2021-00933": 3, "cq:yx-2022-00745": 3,
        "cq:yx-2023-01315": 3, "cq:yx-2024-00487": 3, "cq:yx-2024-01716": 3, "cq:yx-2025-01082": 3,
        "sc:yx-2022-00442": 3, "sc:yx-2022-01402": 3, "cq:jd-dazushike": 2, "cq:jd-dazushike-2": 2,
        "cq:jd-dazushike-3": 2, "cq:jd-dazushike-4": 2, "cq:jd-dazushike-5": 2, "cq:jd-dazushike-6": 2,
    },
    # study tours to the launch centre (3); the base and its courses (2)
    '西昌卫星发射中心 研学': {
        "sc:yx-2021-00809": 3, "sc:yx-2022-00068": 3, "sc:yx-2022-00686": 3, "sc:yx-2022-01526": 3,
        "sc:yx-2023-00406": 3, "sc:yx-2023-01128": 3, "sc:yx-2023-01406": 3, "sc:yx-2024-01083": 3,
        "sc:yx-2024-01863": 3, "sc:yx-2025-01846": 3, "sc:jd-xichang": 2, "sc:jd-xichang-2": 2,
        "sc:jd-xichang-3": 2,
    },
    # study tours to 杜甫草堂博物馆 (3); the base and courses (2)
    '杜甫草堂 研学': {
        "sc:yx-2021-00526": 3, "sc:yx-2022-00839": 3, "sc:yx-2023-00354": 3, "sc:yx-2023-00480": 3,
        "sc:yx-2023-00811": 3, "sc:yx-2023-00977": 3, "sc:yx-2024-00088": 3, "sc:yx-2024-00795": 3,
        "sc:yx-2024-01528": 3, "sc:jd-dufucaotang": 2, "sc:jd-dufucaotang-2": 2, "sc:jd-dufucaotang-3": 2,
        "sc:jd-dufucaotang-4": 2, "sc:jd-dufucaotang-5": 2,
    },
}
